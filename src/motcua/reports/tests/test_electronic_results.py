"""The electronic results figure: a finished dossier whose result was signed electronically
(results.SignedResult, made by the signing adapter with the demo CA's key)."""

from __future__ import annotations

import pytest

from motcua.integrations.signing.sources import Pkcs12Source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.reports import figures
from motcua.reports.scope import Scope
from motcua.reports.tests.conftest import drain
from motcua.reports.tests.scenario import END, NOW, START, build
from motcua.reports.tests.test_figures import assert_matches, raw_figures
from motcua.results.tests.conftest import keys  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_signed_result_is_an_electronic_result(world, settings, keys):  # noqa: F811
    month = build(world, settings, sign=lambda d: sign_dossier_results(d, Pkcs12Source()))
    drain()
    got = figures.dossier_figures(Scope(START, END), now=NOW)
    assert got.electronic_result == 1
    assert list(figures.dossiers(Scope(START, END), "electronic_result", now=NOW)) == [
        month["justice"]
    ]
    assert_matches(got, raw_figures(lambda d: True))
