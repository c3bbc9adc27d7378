"""The worker pool of rank: bounded by the CPUs and the files, ended cleanly by SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any, ClassVar

import pytest

import cchc_score.app.inputs as inputs
from cchc_score.app.context import open_context

from .conftest import EXAMPLES, MINIMAL


def units(folder: Path, count: int, source: Path = MINIMAL / "assessment.yaml") -> list[Path]:
    """``count`` assessment files of distinct units, copies of ``source``."""
    text = source.read_text(encoding="utf-8")
    files = []
    for i in range(count):
        unit = re.sub(r"(?m)^unit: .*$", f"unit: Unit {i}", text)
        unit = re.sub(r"(?m)^unit_id: .*$", f"unit_id: u{i}", unit)
        files.append(folder / f"u{i:03}.yaml")
        files[-1].write_text(unit, encoding="utf-8")
    return files


class InlinePool:
    """A ProcessPoolExecutor stand-in that runs each task at once, recording its size."""

    started: ClassVar[list[int]] = []

    def __init__(self, workers: int, initializer: Any, initargs: tuple[Any, ...]) -> None:
        self.started.append(workers)
        initializer(*initargs)

    def submit(self, func: Any, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(func(*args))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_jobs_are_bounded_by_the_cpus_and_the_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(inputs, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(inputs, "_start_worker", lambda paths: None)
    reg = open_context([MINIMAL / "criteria.yaml"])
    monkeypatch.setattr(inputs, "_worker_context", [reg])
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    if hasattr(os, "process_cpu_count"):
        monkeypatch.setattr(os, "process_cpu_count", lambda: 3)
    files = units(tmp_path, 5)
    InlinePool.started = []
    assert len(inputs.collect(reg, files[:2], jobs=64).entries) == 2
    assert len(inputs.collect(reg, files, jobs=1_000_000).entries) == 5
    assert len(inputs.collect(reg, files[:1], jobs=64).entries) == 1  # no pool for one file
    assert InlinePool.started == [2, 3]


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid``, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("delay", [0.0, 0.15])
def test_sigterm_during_a_parallel_rank_ends_it_and_its_workers(
    tmp_path: Path, delay: float
) -> None:
    """SIGTERM as the workers start, or while they score: exit 143, no output, no traceback
    (the executor's exit hook once wrote to a closed pipe), no worker left."""
    # The Di Linh file is scored under a shipped pack: big enough for the pool to be busy.
    units(tmp_path, 250, EXAMPLES / "di_linh" / "2021" / "di_linh.yaml")
    command = [sys.executable, "-m", "cchc_score", "rank", str(tmp_path), "--jobs", "2", "--csv"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.02)
        assert len(workers) == 2, "the pool did not start"
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert out == b"" and b"Traceback" not in err
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
