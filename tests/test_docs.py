"""The documentation matches the code it describes, and the repository stands on its own: no
file points at notes kept outside it."""

from __future__ import annotations

import re
from pathlib import Path

from motcua.dossiers.choices import Action
from motcua.dossiers.services.base import ALLOWED_FROM

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# The services drawn in docs/dossiers.md's state diagram, and the action each one checks.
SERVICE_ACTIONS = {
    "submit_dossier": Action.SUBMIT,
    "return_for_completion": Action.RETURN_FOR_COMPLETION,
    "refuse_dossier": Action.REFUSE,
    "receive_dossier": Action.RECEIVE,
    "assign_step": Action.ASSIGN,
    "forward_dossier": Action.FORWARD,
    "return_to_step": Action.RETURN_TO_STEP,
    "hand_over": Action.HAND_OVER,
    "pause_dossier": Action.PAUSE,
    "resume_dossier": Action.RESUME,
    "provide_supplement": Action.RESUME,
    "decide_dossier": Action.DECIDE,
    "return_result": Action.RETURN_RESULT,
    "withdraw_dossier": Action.WITHDRAW,
    "apologise": Action.APOLOGISE,
    "stop_dossier": Action.STOP,
}
EDGE = re.compile(r"^\s*(\w+) --> (\w+): (.+)$")


def _diagram_sources() -> dict[str, set[str]]:
    """For each service of the state diagram, the statuses it is drawn leaving."""
    text = (DOCS / "dossiers.md").read_text()
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    sources: dict[str, set[str]] = {}
    for line in diagram.splitlines():
        match = EDGE.match(line)
        if not match:
            continue
        source, _target, label = match.groups()
        for name in re.findall(r"\b[a-z_]+\b", re.sub(r"\(.*?\)", "", label)):
            if name in SERVICE_ACTIONS:
                sources.setdefault(name, set()).add(source)
    return sources


def test_the_state_diagram_draws_every_transition_of_the_table():
    drawn = _diagram_sources()
    assert set(drawn) == set(SERVICE_ACTIONS)
    for service, action in SERVICE_ACTIONS.items():
        assert drawn[service] == {str(status) for status in ALLOWED_FROM[action]}, service


def test_withdrawal_is_drawn_from_a_dossier_returned_for_completion():
    assert "returned_for_completion" in _diagram_sources()["withdraw_dossier"]


def test_no_file_points_outside_the_repository():
    outside = re.compile(r"DOMAIN\.md|ARCHITECTURE\.md|STYLE\.md|/work/shared")
    checked = [
        path
        for folder in ("src", "docs", "tests", "bench")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".md", ".html", ".txt", ".toml", ".yml"}
        and path.name != Path(__file__).name
    ]
    checked += [ROOT / "README.md", ROOT / "Makefile", ROOT / ".importlinter"]
    assert len(checked) > 100
    pointing = [str(path.relative_to(ROOT)) for path in checked if outside.search(path.read_text())]
    assert pointing == []


def test_the_docs_the_readme_links_to_exist():
    readme = (ROOT / "README.md").read_text()
    linked = re.findall(r"\]\((docs/[\w.-]+\.md)\)", readme)
    assert "docs/architecture.md" in linked and "docs/domain.md" in linked
    assert [link for link in linked if not (ROOT / link).exists()] == []
