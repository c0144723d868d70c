"""The population database's simulator, over HTTP as Motcua meets it."""

from __future__ import annotations

import httpx


def _check(sim, token=None, **body):
    return httpx.post(
        sim.api_url + "/v1/residents/check",
        json=body,
        headers={"Authorization": f"Bearer {token or sim.token}"},
        timeout=10,
    )


def test_the_three_answers(population_sim):
    population_sim.add_residents(
        [{"personal_id": "001090000001", "name": "Trần Văn Một", "birth_date": "1990-01-02"}]
    )
    found = _check(
        population_sim, personal_id="001090000001", name="TRẦN VĂN MỘT", birth_date="1990-01-02"
    ).json()
    assert found["result"] == "match" and found["ma_csdl"].startswith("DC-")
    assert found["resident"]["name"] == "Trần Văn Một"
    wrong = _check(
        population_sim, personal_id="001090000001", name="Trần Văn Hai", birth_date="1990-01-03"
    ).json()
    assert wrong == {
        "result": "mismatch",
        "fields": ["name", "birth_date"],
        "ma_csdl": "",
        "resident": None,
    }
    unknown = _check(
        population_sim, personal_id="001090000009", name="Ai Đó", birth_date="1990-01-02"
    ).json()
    assert unknown["result"] == "not_found"
    assert [q["result"] for q in population_sim.queries()] == ["match", "mismatch", "not_found"]


def test_bad_calls_are_refused_with_their_field(population_sim):
    assert _check(population_sim, token="sai", personal_id="001090000001").status_code == 401
    bad = _check(population_sim, personal_id="123", name="A", birth_date="1990-01-02")
    assert bad.status_code == 400 and bad.json()["field"] == "personal_id"
    bad = _check(population_sim, personal_id="001090000001", name="A", birth_date="02/01/1990")
    assert bad.status_code == 400 and bad.json()["field"] == "birth_date"
    refused = population_sim.control("POST", "residents", {"residents": [{"personal_id": "x"}]})
    assert refused.status_code == 400 and refused.json()["field"] == "personal_id"


def test_a_residents_file_is_loaded_at_start(tmp_path):
    import json

    from tests.population_sim import population_process

    file = tmp_path / "residents.json"
    file.write_text(
        json.dumps(
            [{"personal_id": "001090012345", "name": "Nguyễn Văn An", "birth_date": "1990-05-17"}]
        ),
        encoding="utf-8",
    )
    sim = population_process(tmp_path / "data", residents_file=str(file))
    sim.start()
    try:
        held = sim.control("GET", "residents").json()["residents"]
        assert [r["name"] for r in held] == ["Nguyễn Văn An"]
        assert sim.http.get(sim.url + "/control/").status_code == 200
    finally:
        sim.stop()
