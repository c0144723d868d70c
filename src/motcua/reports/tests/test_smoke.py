import pytest

from motcua.events.services import run_deliveries
from motcua.reports import figures, maintenance
from motcua.reports.scope import Scope
from motcua.reports.tests.scenario import END, NOW, START, build

pytestmark = pytest.mark.django_db


def test_smoke(world, settings):
    month = build(world, settings)
    while run_deliveries(limit=500, now=NOW) != (0, 0):
        pass
    f = figures.dossier_figures(Scope(START, END), now=NOW)
    print(f)
    maintenance.rebuild()
    print(figures.dossier_figures(Scope(START, END), now=NOW))
    assert month
