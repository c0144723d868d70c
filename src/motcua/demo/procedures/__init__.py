"""The demo catalog: procedures modelled on Hanoi's published ones, one module per group of
fields, written as compact specs (spec.py) and turned into catalog rows by build.py."""

from __future__ import annotations

from motcua.demo.procedures import business, construction, justice, land, social
from motcua.demo.procedures.spec import Spec


def all_specs() -> list[Spec]:
    return [
        *justice.SPECS,
        *construction.SPECS,
        *business.SPECS,
        *land.SPECS,
        *social.SPECS,
    ]
