"""Benchmark: hostile files are refused in bounded time and memory.

Generates each hostile file of docs/limits.md in a temporary folder (a YAML alias bomb, lists
nested deep in YAML and JSON, an .xlsx zip bomb, an .xlsx with one value at row 1,048,576, an
.xlsx with its sheet's XML cut short, a YAML file over the size limit), runs ``cchc-score score
FILE`` on each in a fresh process, and prints the wall and CPU time, the peak memory
(``ru_maxrss`` of that process alone: each command runs under its own small Python parent, whose
``RUSAGE_CHILDREN`` holds that one child) and the exit code, which must be 2. The minimal
example, scored normally (exit 0), is the baseline: what the command needs anyway. Exits 1 if a
file is not refused with exit code 2. Run:

    python bench/bench_hostile.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "examples" / "minimal"
CLI = [sys.executable, "-m", "cchc_score"]
SET = ["--set", str(MINIMAL / "criteria.yaml")]
MIB = 1024 * 1024


def alias_bomb(folder: Path) -> Path:
    """Ten levels of ten aliases: 10^10 values in about 500 bytes."""
    lines = ["a0: &a0 [" + ", ".join(['"x"'] * 10) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return write(folder / "alias_bomb.yaml", "\n".join(lines) + "\n")


def deep_yaml(folder: Path) -> Path:
    return write(folder / "deep.yaml", "unit: x\nleaves: " + "[" * 50_000 + "]" * 50_000 + "\n")


def deep_json(folder: Path) -> Path:
    nested = "[" * 1_000_000 + "]" * 1_000_000
    return write(folder / "deep.json", '{"unit": "x",\n"leaves": ' + nested + "}")


def oversized(folder: Path) -> Path:
    """The minimal assessment followed by comments, to 21 MiB (the limit is 20 MiB)."""
    text = (MINIMAL / "assessment.yaml").read_text(encoding="utf-8")
    padding = ("# " + "x" * 97 + "\n") * (21 * MIB // 100)
    return write(folder / "oversized.yaml", text + padding)


def workbook(path: Path) -> Path:
    """The minimal assessment as a self-assessment workbook."""
    from cchc_score import load_criteria_set
    from cchc_score.loading import load_assessment
    from cchc_score.workbook import write_workbook

    cset = load_criteria_set(MINIMAL / "criteria.yaml")
    write_workbook(path, cset, load_assessment(MINIMAL / "assessment.yaml"))
    return path


def zip_bomb(folder: Path) -> Path:
    """A workbook holding 1 GiB of zeros, deflated to about 1 MiB."""
    path = workbook(folder / "zip_bomb.xlsx")
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/zeros.bin", "w", force_zip64=True) as part,
    ):
        block = b"\0" * (16 * MIB)
        for _ in range(64):
            part.write(block)
    return path


def last_row(folder: Path) -> Path:
    import openpyxl

    path = workbook(folder / "last_row.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0].cell(row=1_048_576, column=2, value="x")
    wb.save(path)
    return path


def broken_xml(folder: Path) -> Path:
    whole = workbook(folder / "whole.xlsx")
    path = folder / "broken_xml.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            dst.writestr(item, data)
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "YAML alias bomb (10^10 values)": alias_bomb,
    "YAML lists nested 50,000 deep": deep_yaml,
    "JSON lists nested 1,000,000 deep": deep_json,
    "YAML file of 21 MiB": oversized,
    ".xlsx zip bomb (1 GiB of zeros)": zip_bomb,
    ".xlsx with a value at row 1,048,576": last_row,
    ".xlsx with its sheet XML cut short": broken_xml,
}


def measure(argv: list[str]) -> None:
    """In the parent of one command: run it, print its exit code, wall time and peak memory."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    says = done.stderr.decode("utf-8", "replace").strip().splitlines()
    peak = usage.ru_maxrss  # KiB on Linux
    print(
        json.dumps({"code": done.returncode, "wall": wall, "cpu": cpu, "peak": peak, "says": says})
    )


def run(argv: list[str]) -> dict[str, object]:
    """``argv`` measured under a fresh parent, so no other child counts in its peak memory."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", *argv],
        capture_output=True,
        check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    rows: list[tuple[str, str, dict[str, object]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {"baseline: the minimal example, scored": MINIMAL / "assessment.yaml"}
        files.update({name: make(folder) for name, make in CASES.items()})
        for name, path in files.items():
            nbytes = path.stat().st_size
            shown = f"{nbytes / MIB:.1f} MiB" if nbytes >= MIB else f"{nbytes / 1024:.1f} KB"
            rows.append((name, shown, run([*CLI, "score", str(path), *SET])))
    print(f"{'file':<40} {'size':>9} {'exit':>4} {'wall s':>7} {'CPU s':>6} {'peak MiB':>9}")
    failed = []
    for name, size, result in rows:
        code, wall, cpu, peak = result["code"], result["wall"], result["cpu"], result["peak"]
        assert isinstance(wall, float) and isinstance(cpu, float) and isinstance(peak, int)
        print(f"{name:<40} {size:>9} {code!s:>4} {wall:7.2f} {cpu:6.2f} {peak / 1024:9.0f}")
        if code != (0 if name.startswith("baseline") else 2):
            failed.append((name, result["says"]))
    for name, says in failed:
        print(f"unexpected exit code for {name}: {says}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2:])
    else:
        main()
