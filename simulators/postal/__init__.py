"""A stand-in for the public postal operator (docs/postal.md), built on the simulator kit: its
order API, the tracking webhooks it signs and sends to Motcua, orders that move along on their
own at a chosen pace, and faults that lose or repeat an update. Never imported by Motcua."""
