"""Benchmark: rank 3,300 synthetic units from files (load, score and rank timed apart).

Writes a synthetic 90-leaf, 100-point criteria set and one assessment file per unit to a
temporary folder, then times reading the files, scoring them, and ranking the results; and the
whole ``cchc-score rank FOLDER --json`` command in-process. Run:

    python bench/bench_rank.py [--units 3300] [--format yaml|json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_set, synthetic_unit

from cchc_score.engine import score
from cchc_score.loading import assessment_files, load_assessment
from cchc_score.model.criteria import Band
from cchc_score.ranking import rank

T = TypeVar("T")
BANDS = (
    Band(code="tot", label_vi="Tốt", label_en="Good", min_index=80),
    Band(code="kha", label_vi="Khá", label_en="Fair", min_index=65),
    Band(code="trung_binh", label_vi="Trung bình", label_en="Average", min_index=50),
    Band(code="yeu", label_vi="Yếu", label_en="Weak", min_index=0),
)


def timed(label: str, func: Callable[[], T], figures: dict[str, float]) -> T:
    start = time.perf_counter()
    out = func()
    figures[label] = time.perf_counter() - start
    return out


def write_inputs(folder: Path, units: int, fmt: str) -> Path:
    """The set as a YAML pack and one assessment file per unit; returns the set's file."""
    cset = synthetic_set().model_copy(update={"bands": {"*": BANDS}})
    set_file = folder / "synthetic.yaml"
    set_file.write_text(
        yaml.dump(cset.model_dump(mode="json", exclude_defaults=True), Dumper=yaml.CSafeDumper),
        encoding="utf-8",
    )
    data_dir = folder / "units"
    data_dir.mkdir()
    rng = random.Random(7)
    for i in range(units):
        unit = synthetic_unit(cset, f"Xã {i:04d}", rng.uniform(0.5, 0.95), seed=i)
        doc: dict[str, Any] = unit.model_dump(mode="json", exclude_defaults=True)
        doc["unit_id"] = f"xa_{i:04d}"
        path = data_dir / f"xa_{i:04d}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        else:
            path.write_text(
                yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8"
            )
    return set_file


def run(units: int, fmt: str) -> dict[str, float]:
    from click.testing import CliRunner

    from cchc_score.cli import main
    from cchc_score.loading import load_criteria_set

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        set_file = timed(
            "write files (not part of a run)", lambda: write_inputs(folder, units, fmt), figures
        )
        cset = load_criteria_set(set_file)
        files = assessment_files([folder / "units"])
        docs = timed("load", lambda: [load_assessment(f) for f in files], figures)
        results = timed("score", lambda: [score(cset, d.submission) for d in docs], figures)
        table = timed("rank", lambda: rank(results, sets=[cset]), figures)
        assert len(table.blocks[0].standings) == units
        runner = CliRunner()
        args = ["rank", str(folder / "units"), "--set", str(set_file), "--json", "--no-progress"]
        outcome = timed(
            "cchc-score rank --json (end to end)", lambda: runner.invoke(main, args), figures
        )
        assert outcome.exit_code == 0, outcome.output
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=3300)
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    args = parser.parse_args()
    figures = run(args.units, args.format)
    python = sys.version.split()[0]
    print(f"{args.units} units, {args.format} files, Python {python}, {os.cpu_count()} CPUs")
    for label, seconds in figures.items():
        print(f"  {label:40s} {seconds:7.2f} s")


if __name__ == "__main__":
    main()
