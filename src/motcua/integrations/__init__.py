"""Adapters to the systems outside Motcua, one package per system (docs/architecture.md,
docs/integration.md)."""
