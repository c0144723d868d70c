"""The public postal operator's adapter (docs/postal.md): orders out (client.py), tracking in
(webhooks.py, through the API face), the outbox consumers that place orders (sync.py)."""
