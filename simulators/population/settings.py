"""Settings of the population database's simulator (its options arrive as SIM_* variables)."""

import os

from simulators.kit.settings import base

globals().update(base("population", "simulators.population.urls"))

SIM_NAME = "CSDL quốc gia về dân cư (giả lập)"
SIM_EXTRA_FAULTS = {}
SIM_FAULT_PATHS = ("/api/",)
SIM_POPULATION = {
    "token": os.environ.get("SIM_TOKEN", "demo-population-token"),
    "residents_file": os.environ.get("SIM_RESIDENTS", ""),
}
SIM_RUNNING = bool(os.environ.get("SIM_PORT"))
