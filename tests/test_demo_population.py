"""The demo's residents: written from the demo's people, loaded by the simulator at start, and
the demo's citizen then matches through Motcua's adapter."""

from __future__ import annotations

import json

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.demo.population import birth_from_id, write_residents
from motcua.integrations.population import client as population
from tests.population_sim import population_process

pytestmark = pytest.mark.django_db


def test_the_demo_citizen_matches_in_the_simulator(tmp_path, settings):
    UserFactory(full_name="Nguyễn Văn An", personal_id="001090012345")
    path = tmp_path / "residents.json"
    assert write_residents(path) == 1
    (an,) = json.loads(path.read_text(encoding="utf-8"))
    assert an["name"] == "Nguyễn Văn An" and an["birth_date"].startswith("1990-")
    sim = population_process(tmp_path / "sim", residents_file=str(path))
    sim.start()
    try:
        settings.POPULATION_URL, settings.POPULATION_TOKEN = sim.api_url, sim.token
        answer = population.check("001090012345", "Nguyễn Văn An", birth_from_id("001090012345"))
        assert answer.result == "match" and answer.ma_csdl
        other_day = population.check("001090012345", "Nguyễn Văn An", birth_from_id("001190012345"))
        assert other_day.result == "mismatch" and other_day.fields == ["birth_date"]
    finally:
        sim.stop()
