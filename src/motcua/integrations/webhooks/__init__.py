"""Webhooks: API clients subscribe to dossier events and receive them, signed, at their URL.

- `models`: a subscription (its client, URL, event types and encrypted secret) and the log of
  each attempt to deliver to it;
- `events`: which event types may be subscribed to, and the payload a subscriber receives
  (no personal data);
- `secrets`: the subscription's secret, encrypted at rest (Fernet);
- `signing`: the signature header (HMAC-SHA256 over the timestamp and the body);
- `client`: the POST to a subscriber's URL (the only place a connection is opened);
- `services` and `selectors`: subscribing, unsubscribing, replaying, scoped to the caller;
- `sync`: the outbox consumers: the fan-out, and one consumer per subscription.

docs/api.md ("Webhooks") describes the protocol for receivers.
"""
