"""Collect each pack's YAML cases (``<pack>/cases/*.yaml``) as test items named by their sentence.

A failing case reports what did not match, one line each, instead of a traceback; a malformed
case file reports the file, line and key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc_score.cases import (
    CASE_SUFFIXES,
    CASES_FOLDER,
    Case,
    read_cases,
    resolve_case_set,
    run_case,
)
from cchc_score.errors import CchcScoreError
from cchc_score.model.criteria import CriteriaSet
from cchc_score.plugins import Registry, build_registry

REGISTRY = pytest.StashKey[Registry]()


def registry(config: pytest.Config) -> Registry:
    """The plug-in registry, built once per run: case files find named sets and rule kinds in it."""
    if REGISTRY not in config.stash:
        config.stash[REGISTRY] = build_registry()
    return config.stash[REGISTRY]


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix in CASE_SUFFIXES and file_path.parent.name == CASES_FOLDER:
        return CaseFileCollector.from_parent(parent, path=file_path)
    return None


class CaseFailedError(Exception):
    """A case's points did not match what it expects."""

    def __init__(self, mismatches: list[str]) -> None:
        super().__init__("; ".join(mismatches))
        self.mismatches = mismatches


class CaseFileCollector(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        reg = registry(self.config)
        cases, lines = read_cases(self.path)
        cset = resolve_case_set(
            self.path,
            cases,
            sets=[r.criteria_set for r in reg.all_sets()],
            rule_kinds=reg.rule_kinds,
        )
        for case, line in zip(cases.cases, lines, strict=True):
            yield CaseItem.from_parent(self, name=case.name, case=case, cset=cset, line=line)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CchcScoreError):
            return f"malformed case file: {excinfo.value}"
        return str(super().repr_failure(excinfo))


class CaseItem(pytest.Item):
    def __init__(
        self,
        *,
        case: Case,
        cset: CriteriaSet,
        line: int | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.line = line
        self.case = case
        self.cset = cset

    def runtest(self) -> None:
        mismatches = run_case(self.cset, self.case)
        if mismatches:
            raise CaseFailedError(mismatches)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailedError):
            where = f"{self.path}:{self.line}" if self.line else str(self.path)
            lines = [
                f"case failed: {self.name}",
                f"  at {where}, set {self.cset.id} {self.cset.version}",
            ]
            lines += [f"  - {m}" for m in excinfo.value.mismatches]
            return "\n".join(lines)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, (self.line or 1) - 1, f"case: {self.name}"
