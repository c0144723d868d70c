"""The import contracts of .importlinter (run by `make lint`) hold for the code as it is, and
break when a deliberate bad import is added to a copy of the package: a face importing another
face, the domain importing a face or the demo, workdays or lib importing the domain, a face
reaching into the dossier services' internals, the product importing a simulator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import motcua

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(motcua.__file__).resolve().parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = "Faces above the domain, the domain above workdays and lib"
SIMULATORS = "The product never imports a simulator"
SERVICES = "Outside the dossiers app, the services package is used through its public"


def lint_imports(src: Path, config: Path) -> subprocess.CompletedProcess:
    """lint-imports on the package found in `src`, which comes first on the path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(  # noqa: S603 (our own tool, our own arguments)
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        cwd=src.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of the package's Python files in a scratch folder (src/motcua)."""
    src = tmp_path_factory.mktemp("contracts") / "src"
    shutil.copytree(
        PACKAGE,
        src / "motcua",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates", "data"),
    )
    return src


def _with_import(copy: Path, module: str, statement: str, tmp_path: Path) -> Path:
    """A copy of the copy where `module` (a dotted path inside motcua) ends with `statement`."""
    src = tmp_path / "src"
    shutil.copytree(copy, src)
    relative = Path(*module.split(".")[1:])
    path = src / "motcua" / relative.with_suffix(".py")
    if not path.exists():
        path = src / "motcua" / relative / "__init__.py"
    assert path.exists(), module
    path.write_text(path.read_text() + f"\n{statement}  # noqa\n")
    return src


def test_the_contracts_hold_for_the_code_as_it_is(copy):
    result = lint_imports(copy, ROOT / ".importlinter")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract", "message"),
    [
        (
            "motcua.portal.views",
            "from motcua.office import queues",
            LAYERS,
            "motcua.portal is not allowed to import motcua.office",
        ),
        (
            "motcua.api.procedures",
            "import motcua.portal.views",
            LAYERS,
            "motcua.api is not allowed to import motcua.portal",
        ),
        (
            "motcua.dossiers.models",
            "from motcua.api import errors",
            LAYERS,
            "motcua.dossiers is not allowed to import motcua.api",
        ),
        (
            "motcua.catalog.selectors",
            "from motcua.demo import hanoi",
            LAYERS,
            "motcua.catalog is not allowed to import motcua.demo",
        ),
        (
            "motcua.workdays.calendar",
            "from motcua.catalog.choices import Channel",
            LAYERS,
            "motcua.workdays is not allowed to import motcua.catalog",
        ),
        (
            "motcua.lib.text",
            "from motcua.workdays.zone import VIETNAM",
            LAYERS,
            "motcua.lib is not allowed to import motcua.workdays",
        ),
        (
            "motcua.portal.tracking_views",
            "from motcua.dossiers.services.base import ALLOWED_FROM",
            SERVICES,
            "motcua.portal.tracking_views -> motcua.dossiers.services.base",
        ),
        (
            "motcua.dossiers.services.drafts",
            "import simulators.nationalportal",
            SIMULATORS,
            "simulators",
        ),
    ],
)
def test_a_bad_import_breaks_its_contract(copy, tmp_path, module, statement, contract, message):
    src = _with_import(copy, module, statement, tmp_path)
    result = lint_imports(src, ROOT / ".importlinter")
    assert result.returncode == 1, result.stdout + result.stderr
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken and message in broken, result.stdout


def test_a_new_package_must_be_given_a_layer(copy, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(copy, src)
    (src / "motcua" / "archive").mkdir()
    (src / "motcua" / "archive" / "__init__.py").write_text("")
    result = lint_imports(src, ROOT / ".importlinter")
    assert result.returncode == 1, result.stdout + result.stderr
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert LAYERS in broken and "motcua.archive" in broken, result.stdout
