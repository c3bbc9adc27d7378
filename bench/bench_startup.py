"""Benchmark: how fast the command line starts, as a ratio to importing its libraries.

Times, in CPU seconds (user + system of the child process) over repeated runs, the floor
``python -c "import pydantic, rich, pluggy, click, yaml"`` and the commands ``cchc-score
--help``, ``cchc-score sets`` and ``cchc-score score`` on the minimal example, all in the same
run, and prints each command's median and its ratio to the floor's median. Targets: at most 2x
for ``--help`` and ``sets``, at most 3x for ``score``. Run:

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "examples" / "minimal"
FLOOR = [sys.executable, "-c", "import pydantic, rich, pluggy, click, yaml"]
CLI = [sys.executable, "-m", "cchc_score"]
COMMANDS = {
    "--help": [*CLI, "--help"],
    "sets": [*CLI, "sets"],
    "score (minimal example)": [
        *CLI,
        "score",
        str(MINIMAL / "assessment.yaml"),
        "--set",
        str(MINIMAL / "criteria.yaml"),
    ],
}
TARGETS = {"--help": 2.0, "sets": 2.0, "score (minimal example)": 3.0}


def cpu_seconds(argv: list[str]) -> float:
    """CPU time (user + system) of one run of ``argv``, from the children's rusage."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        argv, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "100"}
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    every = {"floor": FLOOR, **COMMANDS}
    for argv in every.values():  # warm the file cache and the bytecode
        cpu_seconds(argv)
    samples: dict[str, list[float]] = {name: [] for name in every}
    for _ in range(runs):  # interleaved, so that other load on the machine hits all alike
        for name, argv in every.items():
            samples[name].append(cpu_seconds(argv))
    floor = statistics.median(samples["floor"])
    print(f"floor (import pydantic, rich, pluggy, click, yaml): {floor * 1000:.0f} ms CPU")
    for name in COMMANDS:
        median = statistics.median(samples[name])
        ratio = median / floor
        verdict = "meets" if ratio <= TARGETS[name] else "misses"
        print(
            f"{name:<26} {median * 1000:5.0f} ms CPU  {ratio:4.1f}x the floor"
            f"  ({verdict} the target of {TARGETS[name]:.0f}x)"
        )


if __name__ == "__main__":
    main()
