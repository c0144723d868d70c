"""The adapter to the online payment providers: the one call we make to them (asking what
happened to a bill) and reconciliation, which applies their answers (docs/payments.md)."""
