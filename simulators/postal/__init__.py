"""A stand-in for the public postal operator (docs/postal.md): its order API, the tracking
webhooks it signs and sends to Motcua, orders that move along on their own, and a control page
to lose or repeat an update. Run: python -m simulators.postal --port 8103 --data var/postal."""
