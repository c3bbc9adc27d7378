"""Pack test cases for people: how many passed, and what each failing case got wrong."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group
from rich.text import Text

from cchc_score.cases import CaseOutcome
from cchc_score.i18n import Lang


def cases_report(file: Path, outcomes: Sequence[CaseOutcome], lang: Lang = "vi") -> Group:
    """One summary line for a case file, then one line per failed case."""
    failed = [o for o in outcomes if not o.passed]
    passed = len(outcomes) - len(failed)
    if lang == "vi":
        head = f"{file}: {passed} tình huống đạt, {len(failed)} không đạt"
        word = "KHÔNG ĐẠT"
    else:
        head = f"{file}: {passed} cases passed, {len(failed)} failed"
        word = "FAILED"
    lines = [Text(head, style="red" if failed else "green")]
    for outcome in failed:
        line = Text(f"  {word} ", style="bold red")
        where = f" ({'dòng' if lang == 'vi' else 'line'} {outcome.line})" if outcome.line else ""
        line.append(f"{outcome.name}{where}: ")
        line.append("; ".join(outcome.mismatches))
        lines.append(line)
    return Group(*lines)
