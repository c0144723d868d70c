"""What every simulator shares: the fault board, the fault-injecting WSGI wrapper, the server
runner, the control API for faults and the Vietnamese base template."""
