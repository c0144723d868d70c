"""The benchmark harness's pure parts (bench/): percentiles, summaries, the report's aims."""

import pytest

from bench import report, scenarios
from bench.loadgen import check_loopback
from bench.stats import RunResult, percentile


def test_percentile_is_the_nearest_rank():
    values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10]
    assert percentile(values, 50) == 5
    assert percentile(values, 95) == 10
    assert percentile(values, 10) == 1
    assert percentile(values, 0) == 1
    assert percentile(values, 100) == 10
    assert percentile([0.25], 99) == 0.25


def test_percentile_refuses_no_values_and_a_bad_rank():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_a_run_counts_errors_in_its_rate_and_merges_with_another():
    first = RunResult("lookup", 16, duration=2.0, latencies=[0.01, 0.02], ok=2)
    second = RunResult("lookup", 16, 0.0, [0.5], ok=0, errors={"HTTP 500": 1})
    first.merge(second)
    assert first.requests == 3
    assert first.error_count == 1
    assert first.rate == 1.5
    assert first.as_dict()["p99_ms"] == 500.0


def test_the_report_says_which_aims_are_missed():
    outcome = {
        "results": [
            RunResult("healthz", 16, 1.0, [0.001] * 1000, ok=1000).as_dict(),
            RunResult("lookup", 16, 1.0, [0.002] * 400, ok=400).as_dict(),
            RunResult("submission", 16, 1.0, [0.05] * 160, ok=160).as_dict(),
        ],
        "rss_after_mb": [120.0, 210.5],
    }
    aims = {aim: met for aim, _, met in report.aims(outcome)}
    assert aims["Submissions above 150/s"] is True
    assert aims["Lookups at least 50% of the trivial view (16 clients)"] is False
    assert aims["Workers under 200 MB resident"] is False
    assert aims["No errors (every answer 2xx)"] is True


def test_the_report_replaces_only_its_own_block(tmp_path):
    page = tmp_path / "performance.md"
    page.write_text(f"# Performance\n\nMethod.\n\n{report.START}\nold\n{report.END}\n\nAfter.\n")
    report.write_into(page, "new table")
    text = page.read_text()
    assert "old" not in text
    assert "new table" in text
    assert text.startswith("# Performance\n\nMethod.")
    assert text.endswith("After.\n")


def test_multipart_bodies_carry_the_json_part_and_the_files():
    body, content_type = scenarios.multipart(
        {"data": '{"a": 1}'}, {"documents.DON": ("don.pdf", scenarios.PDF, "application/pdf")}
    )
    boundary = content_type.split("boundary=")[1]
    assert body.startswith(f"--{boundary}\r\n".encode())
    assert body.endswith(f"--{boundary}--\r\n".encode())
    assert b'name="documents.DON"; filename="don.pdf"' in body
    assert scenarios.PDF in body


def test_the_load_generator_only_targets_this_machine():
    check_loopback("127.0.0.1")
    with pytest.raises(ValueError):
        check_loopback("10.1.2.3")


def test_make_bench_runs_the_national_portal_benchmarks_too():
    from bench import run

    args = run.parse_args([])
    assert args.sections == ["web", "np-inbound", "np-sync"]
    commands = [command[2:] for command in run.national_portal_commands(args)]
    assert commands == [
        ["bench.national_portal_inbound", "--dossiers", "200"],
        ["bench.national_portal_sync", "--rate", "10", "--duration", "60"],
    ]
    only_sync = run.parse_args(["--sections", "np-sync", "--np-rate", "5", "--no-doc"])
    assert [c[2:] for c in run.national_portal_commands(only_sync)] == [
        ["bench.national_portal_sync", "--rate", "5", "--duration", "60", "--no-doc"]
    ]
    assert run.national_portal_commands(run.parse_args(["--sections", "web"])) == []
    with pytest.raises(SystemExit):
        run.parse_args(["--sections", "web,nothing"])


def test_the_city_section_runs_only_when_named_and_writes_its_own_block(tmp_path, monkeypatch):
    from bench import city, run

    assert "city" not in run.parse_args([]).sections
    args = run.parse_args(["--sections", "city", "--dossiers", "5000", "--workers", "3"])
    assert [c[2:] for c in run.national_portal_commands(args)] == [
        ["bench.city", "--dossiers", "5000", "--workers=3"]
    ]
    row = RunResult("queue", 1, 10.0, [10.0, 20.0, 30.0], 3, {})
    outcome = {
        "date": "2026-12-03T21:00:00+00:00", "command": "python -m bench.city",
        "machine": {"cpu": "CPU", "cores": 2, "memory_gib": 23.5, "postgresql": "15",
                    "python": "3.11", "django": "5.2"},
        "disk": "70 GB free of 250 GB", "workers": 5, "load_before": [1, 1, 1],
        "load_after": [2, 2, 2], "dossiers": 5000,
        "database": {"size_gb": 0.1, "rows": {"events_auditevent": 45000,
                     "dossiers_dossierstep": 20000, "payments_receipt": 3500}},
        "generation": {"generation_s": 20.0, "rebuild_s": 5.0, "wall_s": 26.0, "peak_rss_mb": 250},
        "results": [row.as_dict() | {"aim_p95_ms": 50}],
        "skipped": [("dashboard", "/can-bo/bao-cao/ answered 404")],
    }  # fmt: skip
    text = city.render(outcome)
    assert "| queue | 1 | 3 | 0 |" in text and "250 per second" in text
    assert "Left out: dashboard" in text
    page = tmp_path / "performance.md"
    page.write_text(f"before\n{city.START}\nold\n{city.END}\nafter\n", encoding="utf-8")
    monkeypatch.setattr(city, "DOC", page)
    city.write_doc(text)
    written = page.read_text(encoding="utf-8")
    assert written.startswith("before\n") and written.endswith("after\n")
    assert "old" not in written and "| queue | 1 |" in written
