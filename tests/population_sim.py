"""The population database's simulator as a subprocess for the tests (docs/data-reuse.md):
the fixture `population_sim`, one process for the session, emptied before each test, with
`sim.token`, `sim.api_url` (POPULATION_URL) and `sim.add_residents([...])`."""

from __future__ import annotations

import pytest

from tests.sim_process import SimulatorProcess

POPULATION_TOKEN = "ma-truy-cap-dan-cu-gia-lap"


class PopulationSimulator(SimulatorProcess):
    def add_residents(self, residents: list[dict]) -> int:
        return self._ok("POST", "residents", {"residents": residents})["count"]

    def queries(self) -> list[dict]:
        return self._ok("GET", "queries")["queries"]


def population_process(data_dir, *, residents_file: str = "") -> PopulationSimulator:
    sim = PopulationSimulator(
        "simulators.population",
        data_dir=data_dir,
        args=[
            "--token",
            POPULATION_TOKEN,
            *(["--residents", residents_file] if residents_file else []),
        ],
    )
    sim.token = POPULATION_TOKEN
    return sim


@pytest.fixture(scope="session")
def _population_sim_process(tmp_path_factory):
    sim = population_process(tmp_path_factory.mktemp("population-sim"))
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def population_sim(_population_sim_process, settings):
    """The simulator, reset, and Motcua's adapter pointed at it."""
    sim = _population_sim_process
    sim.start()
    sim.reset()
    settings.POPULATION_URL = sim.api_url
    settings.POPULATION_TOKEN = sim.token
    settings.POPULATION_TIMEOUT_SECONDS = 3
    yield sim
    sim.start()
