"""Motcua: the one-stop shop for a Vietnamese province's administrative procedures."""

__version__ = "0.1.0"
