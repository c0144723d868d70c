"""Adapters to outside systems: one package per system (docs/integration.md)."""
