"""A deployment's own weights, thresholds and bands (SERVICE_INDEX_CONFIG): read from JSON or
TOML, checked with a clear message, and used by the index."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import received, vn
from motcua.events.services import run_deliveries
from motcua.reports import service_index as index
from motcua.reports.apps import ReportsConfig
from motcua.reports.scope import Scope
from motcua.reports.service_index_config import load_configuration

NOW = vn(2026, 4, 30, 12)


def settled():
    """Deliver the outbox, as the worker would: the figures' aggregates catch up."""
    for _round in range(100):
        if run_deliveries(limit=500, now=NOW) == (0, 0):
            return
    raise AssertionError("the outbox does not drain")


def card_of(scope, *, now):
    settled()
    return index.service_index(scope, now=now)


# Progress worth 26 instead of 20, procedures published on time 0 instead of 6; online
# procedures without their threshold; bands of its own.
TOML = """
[indicators.on_time]
max_points = 26

[indicators.published_on_time]
max_points = 0

[indicators.online_procedures]
threshold = "none"

[[bands]]
code = "dat"
label = "Đạt"
minimum = 60

[[bands]]
code = "chua_dat"
label = "Chưa đạt"
minimum = 0
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_toml_file_changes_weights_thresholds_and_bands(tmp_path, settings, world):
    path = write(tmp_path, "chi-so.toml", TOML)
    settings.SERVICE_INDEX_CONFIG = str(path)
    groups = {g.number: g.max_points for g in index.GROUPS}
    assert groups == {1: 12, 2: 26, 3: 22, 4: 22, 5: 18}
    assert [b.code for b in index.BANDS] == ["dat", "chua_dat"]
    online = next(i for i in index.INDICATORS if i.code == "online_procedures")
    assert online.threshold is None and online.max_points == 3

    scope = Scope(start=date(2026, 3, 1), end=date(2026, 3, 31), agency=world.department)
    late = received(world)  # open and past due at the end of March
    services.assign_step(late, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 3))
    settings.SERVICE_INDEX_CONFIG = ""
    before = card_of(scope, now=NOW)
    settings.SERVICE_INDEX_CONFIG = str(path)
    after = card_of(scope, now=NOW)

    on_time = after.indicator("on_time")
    assert (on_time.numerator, on_time.denominator, on_time.points) == (0, 1, 0)
    assert on_time.indicator.max_points == 26
    # The department's one procedure was published on time: 6 points before, none now, and
    # the 6 points of maximum moved to the late dossier's indicator.
    assert before.indicator("published_on_time").points == 6
    assert after.indicator("published_on_time").points == 0
    assert after.applicable_max == before.applicable_max
    assert after.points == pytest.approx(before.points - 6)
    assert after.total < before.total
    assert after.band.code == ("dat" if after.total >= 60 else "chua_dat")


def test_a_json_file_works_the_same(tmp_path, settings):
    data = {"indicators": {"on_time": {"max_points": 25}, "synced": {"max_points": 1}}}
    settings.SERVICE_INDEX_CONFIG = str(write(tmp_path, "chi-so.json", json.dumps(data)))
    assert next(g for g in index.GROUPS if g.number == 2).max_points == 25
    assert index.BANDS[0].code == "excellent"  # bands left as they were


def test_without_a_file_the_defaults_apply(settings):
    settings.SERVICE_INDEX_CONFIG = ""
    assert sum(i.max_points for i in index.INDICATORS) == 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[indicators.on_tme]\nmax_points = 20\n", "unknown indicator code(s) on_tme"),
        ("[indicators.on_time]\nmax_points = 25\n", "add up to 105, not 100"),
        ("[indicators.on_time]\nmax_points = -1\n", "must be 0 or more"),
        ('[indicators.on_time]\nmax_points = "hai mươi"\n', "must be a number"),
        ("[indicators.digitised]\nthreshold = 80\n", "threshold must be above 0 and at most 1"),
        ('[indicators.digitised]\nlabel = "Khác"\n', "may set only max_points and threshold"),
        ('[[bands]]\ncode = "a"\nlabel = "A"\nminimum = 50\n', "one band must have minimum 0"),
        (
            '[[bands]]\ncode = "a"\nlabel = "A"\nminimum = 0\n'
            '[[bands]]\ncode = "a"\nlabel = "B"\nminimum = 50\n',
            "two bands have the same code",
        ),
        ('[[bands]]\ncode = "a"\nminimum = 0\n', "must have exactly code, label and minimum"),
        ("weights = 1\n", "unknown key(s) weights"),
        ("[indicators\n", "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_with_what_is_wrong(tmp_path, text, message):
    path = write(tmp_path, "chi-so.toml", text)
    with pytest.raises(ImproperlyConfigured) as refused:
        load_configuration(path)
    assert message in str(refused.value) and str(path) in str(refused.value)


def test_a_missing_or_unknown_kind_of_file_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="cannot read the file"):
        load_configuration(tmp_path / "khong-co.toml")
    with pytest.raises(ImproperlyConfigured, match=r"must end in \.json or \.toml"):
        load_configuration(write(tmp_path, "chi-so.yaml", "a: 1"))


def test_start_up_stops_on_a_bad_file(tmp_path, settings):
    settings.SERVICE_INDEX_CONFIG = str(write(tmp_path, "sai.json", '{"bands": []}'))
    import motcua.reports

    with pytest.raises(ImproperlyConfigured, match="bands"):
        ReportsConfig("motcua.reports", motcua.reports).ready()
