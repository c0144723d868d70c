"""Simulators of the systems Motcua talks to, each run as its own process (docs/simulators.md).

Nothing here is part of the product: Motcua never imports this package, and a simulator never
imports Motcua. Tests and the demo start a simulator as a subprocess and point an adapter at it.
"""
