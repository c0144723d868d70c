"""The results of a run as Markdown, written between markers in docs/performance.md."""

from __future__ import annotations

from pathlib import Path

START = "<!-- bench:results:start (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:results:end -->"

# The aims, checked on every run.
SUBMISSIONS_PER_S = 150
LOOKUP_SHARE_OF_TRIVIAL = 0.5
WORKER_RSS_MB = 200


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def _rates(outcome: dict) -> dict[tuple[str, int], dict]:
    return {(r["scenario"], r["concurrency"]): r for r in outcome["results"]}


def aims(outcome: dict) -> list[tuple[str, str, bool]]:
    rates = _rates(outcome)
    checks = []
    submissions = [r["rate"] for (name, _), r in rates.items() if name == "submission"]
    if submissions:
        best = max(submissions)
        checks.append(
            (
                f"Submissions above {SUBMISSIONS_PER_S}/s",
                f"best {_fmt(best)}/s",
                best > SUBMISSIONS_PER_S,
            )
        )
    for (name, clients), row in sorted(rates.items()):
        trivial = rates.get(("healthz", clients))
        if name == "lookup" and trivial and trivial["rate"]:
            share = row["rate"] / trivial["rate"]
            checks.append(
                (
                    f"Lookups at least {LOOKUP_SHARE_OF_TRIVIAL:.0%} of the trivial view ({clients} clients)",
                    f"{share:.0%}",
                    share >= LOOKUP_SHARE_OF_TRIVIAL,
                )
            )
    if outcome["rss_after_mb"]:
        largest = max(outcome["rss_after_mb"])
        checks.append(
            (
                f"Workers under {WORKER_RSS_MB} MB resident",
                f"largest {_fmt(largest)} MB",
                largest < WORKER_RSS_MB,
            )
        )
    errors = sum(sum(r["errors"].values()) for r in outcome["results"])
    checks.append(("No errors (every answer 2xx)", f"{errors} errors", errors == 0))
    return checks


def render(outcome: dict) -> str:
    m = outcome["machine"]
    rates = _rates(outcome)
    queries = outcome["queries"]
    lines = [
        f"Run of {outcome['date']} (UTC), `{outcome['command']}`, {outcome['wall_s'] if 'wall_s' in outcome else '?'} s in all.",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB memory; Linux {m['kernel']}.",
        f"- Software: Python {m['python']}, PostgreSQL {m['postgresql']}, Django {m['django']}, gunicorn {m['gunicorn']}.",
        f"- Load average before the run {' / '.join(map(str, outcome['load_before']))}, "
        f"after it {' / '.join(map(str, outcome['load_after']))} (1 / 5 / 15 min; the machine is shared).",
        f"- Server: gunicorn, {outcome['workers']} sync workers, DEBUG=0, PostgreSQL on the same machine, "
        f"rate limits on {'Redis on the same machine' if outcome.get('redis') else 'local memory'}. "
        f"Client: {outcome['client_processes']} processes of threads, closed loop, "
        f"{_fmt(outcome['warmup'], 0)} s warm-up then {_fmt(outcome['duration'], 0)} s measured per row.",
        f"- Submissions drawn from {outcome['pool']['entries']} accepted variants over "
        f"{outcome['pool']['procedures']} procedures and {outcome['pool']['agencies']} receiving agencies.",
        "",
        "| Scenario | Clients | Requests | Errors | Req/s | × trivial | p50 ms | p95 ms | p99 ms "
        "| Queries/req | App CPU ms/req |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in outcome["results"]:
        trivial = rates.get(("healthz", row["concurrency"]))
        ratio = row["rate"] / trivial["rate"] if trivial and trivial["rate"] else float("nan")
        q = queries.get(row["scenario"])
        q_text = (
            "–"
            if q is None
            else (
                _fmt(q["mean"])
                if q["min"] == q["max"]
                else f"{_fmt(q['mean'])} ({q['min']}–{q['max']})"
            )
        )
        lines.append(
            f"| {row['scenario']} | {row['concurrency']} | {row['requests']:,} | {sum(row['errors'].values())} "
            f"| {_fmt(row['rate'])} | {ratio:.2f} | {_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} "
            f"| {_fmt(row['p99_ms'])} | {q_text} | {_fmt(q['cpu_ms']) if q else '–'} |"
        )
    if not outcome["queue"]["ran"]:
        lines += [
            "",
            f"The office queue page ({outcome['queue']['path']}) was not measured: "
            + (
                "it does not exist in this checkout yet."
                if not outcome["queue"]["exists"]
                else "it was switched off."
            ),
        ]
    lines += [
        "",
        "Queries/req and App CPU ms/req come from a sample of the same requests sent through "
        "Django's test client after the load (CPU: the Django process's own time, without "
        "PostgreSQL's).",
        "",
        f"Resident memory per worker (VmRSS): {', '.join(_fmt(v) for v in outcome['rss_idle_mb'])} MB after start, "
        f"{', '.join(_fmt(v) for v in outcome['rss_after_mb'])} MB after the run; "
        f"gunicorn's master {_fmt(outcome['rss_master_mb'])} MB.",
    ]
    if outcome["error_samples"]:
        lines += ["", "Errors seen (first answer of each kind):", ""]
        lines += [f"- {kind}: `{text[:200]}`" for kind, text in outcome["error_samples"].items()]
    lines += ["", "| Aim | Measured | Met |", "| --- | --- | --- |"]
    lines += [
        f"| {aim} | {measured} | {'yes' if met else '**no**'} |"
        for aim, measured, met in aims(outcome)
    ]
    return "\n".join(lines)


def write_into(path: Path, markdown: str) -> None:
    """Replace the text between the markers (or append a block with them)."""
    text = path.read_text() if path.exists() else "# Performance\n"
    block = f"{START}\n{markdown}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)
