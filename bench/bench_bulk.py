"""Benchmark: 3,300 JSON assessments (the national scale) scored and ranked in one process, in
CPU seconds.

Writes the synthetic 90-leaf set and one JSON assessment per unit to a temporary folder (as
``bench_rank.py`` does), then measures the CPU time of ``cchc-score rank FOLDER --json --jobs 1``
run in-process (read, validate, score, rank, write the JSON), and of its parts through the Python
API. The target is under 10 s of CPU, so that one core does the national table. Run:

    python bench/bench_bulk.py [--units 3300] [--profile]

``--profile`` prints the 25 most expensive functions (cumulative) of the command under cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_rank import write_inputs

from cchc_score.engine import score
from cchc_score.loading import assessment_files, load_assessment, load_criteria_set
from cchc_score.ranking import rank

T = TypeVar("T")
TARGET = 10.0  # CPU seconds for 3,300 units


def cpu(label: str, func: Callable[[], T], figures: dict[str, float]) -> T:
    start = time.process_time()
    out = func()
    figures[label] = time.process_time() - start
    return out


def run(units: int, profile: bool) -> dict[str, float]:
    from click.testing import CliRunner

    from cchc_score.cli import main

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        set_file = write_inputs(folder, units, "json")
        args = ["rank", str(folder / "units"), "--set", str(set_file), "--json"]
        args += ["--jobs", "1", "--no-progress"]
        runner = CliRunner()
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        outcome = cpu("cchc-score rank --json --jobs 1", lambda: runner.invoke(main, args), figures)
        if profiler:
            profiler.disable()
        assert outcome.exit_code == 0, outcome.output
        cset = load_criteria_set(set_file)
        files = assessment_files([folder / "units"])
        docs = cpu("  read and validate", lambda: [load_assessment(f) for f in files], figures)
        results = cpu("  score", lambda: [score(cset, d.submission) for d in docs], figures)
        table = cpu("  rank", lambda: rank(results, sets=[cset]), figures)
        assert len(table.blocks[0].standings) == units
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=3300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    figures = run(args.units, args.profile)
    python = sys.version.split()[0]
    print(f"{args.units} JSON units, one process, Python {python}; CPU seconds")
    for label, seconds in figures.items():
        print(f"  {label:36s} {seconds:6.2f} s")
    whole = figures["cchc-score rank --json --jobs 1"] * 3300 / args.units
    verdict = "meets" if whole < TARGET else "misses"
    print(f"  at 3,300 units: {whole:.1f} s CPU, {verdict} the {TARGET:.0f} s target")


if __name__ == "__main__":
    main()
