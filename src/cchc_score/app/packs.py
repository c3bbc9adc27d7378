"""Checking a pack (a criteria-set file or folder) and running the test cases beside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cchc_score.cases import CaseOutcome, case_files, run_case_file
from cchc_score.errors import InputFileError, msg
from cchc_score.loading import criteria_files, load_criteria_set
from cchc_score.model.criteria import CriteriaSet

from .context import Context


@dataclass(frozen=True)
class CaseFileRun:
    """The outcomes of one case file."""

    path: Path
    outcomes: list[CaseOutcome]

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if not o.passed)


def check_files(ctx: Context, path: Path) -> Iterator[tuple[Path, CriteriaSet]]:
    """Validate the criteria-set files of a pack file or folder one by one; a bad one raises."""
    files = criteria_files(path)
    if not files:
        raise InputFileError(
            msg("no criteria set found (no pack.yaml, no file with 'nodes')"), file=str(path)
        )
    for file in files:
        yield file, load_criteria_set(file, ctx.registry.rule_kinds)


def run_cases(ctx: Context, checked: list[tuple[Path, CriteriaSet]]) -> list[CaseFileRun]:
    """Run the cases in ``cases/`` beside the checked pack files.

    Cases test the files just checked, not the installed copies of the same sets: a case file
    that names no set tests the one pack beside it; one that names a set finds it among the
    checked files first, then among the installed sets.
    """
    reg = ctx.registry
    sets = [cset for _, cset in checked] + [r.criteria_set for r in reg.all_sets()]
    only = checked[0][1] if len(checked) == 1 else None
    runs = []
    for case_file in dict.fromkeys(f for pack_file, _ in checked for f in case_files(pack_file)):
        outcomes = run_case_file(case_file, pack=only, sets=sets, rule_kinds=reg.rule_kinds)
        runs.append(CaseFileRun(case_file, outcomes))
    return runs
