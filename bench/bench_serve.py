"""Benchmark: the what-if workspace's answers for the Di Linh pack, measured on the server.

Through the application (fastapi's TestClient: no network, the time is the server's work: reading
the form, scoring, ranking, odds, rendering), medians over repeated runs of

- one what-if update (1.3.3 to 4 quarters): target under 100 ms;
- the cheapest plan to 3rd (editor filled, frontier drawn): target under 500 ms;
- ``POST /api/simulate`` with the same target, for comparison.

Run:

    python bench/bench_serve.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from cchc_score.loading import load_assessment
from cchc_score.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
DI_LINH = ROOT / "examples" / "di_linh"
KEY = "2021/di_linh.yaml"
TARGETS = {"what-if update": 0.100, "plan to 3rd": 0.500}


def median_seconds(call: Callable[[], object], runs: int) -> float:
    call()  # warm: templates compiled, rules bound
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    started = time.perf_counter()
    client = TestClient(create_app([DI_LINH]))
    print(f"start (read and rank 36 files): {time.perf_counter() - started:.2f} s")
    body = load_assessment(DI_LINH / "2021" / "di_linh.yaml").model_dump(mode="json")

    def ok(response: object) -> None:
        assert getattr(response, "status_code", None) == 200

    cases: dict[str, Callable[[], object]] = {
        "what-if update": lambda: ok(client.post(f"/update/{KEY}", data={"v.1.3.3": "4"})),
        "plan to 3rd": lambda: ok(
            client.post(f"/plan/{KEY}", data={"objective": "rank", "target_rank": "3"})
        ),
        "POST /api/simulate (rank 3)": lambda: ok(
            client.post("/api/simulate", json={"assessment": body, "target_rank": 3})
        ),
    }
    failed = False
    for name, call in cases.items():
        seconds = median_seconds(call, runs)
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = (
                f"  (target < {target * 1000:.0f} ms: {'ok' if seconds < target else 'MISSED'})"
            )
            failed |= seconds >= target
        print(f"{name:32} {seconds * 1000:8.1f} ms{verdict}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
