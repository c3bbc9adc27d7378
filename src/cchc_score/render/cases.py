"""Pack test cases for people: how many passed, and what each failing case got wrong."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group
from rich.text import Text

from cchc_score.cases import CaseOutcome
from cchc_score.i18n import Lang, t


def cases_report(file: Path, outcomes: Sequence[CaseOutcome], lang: Lang = "vi") -> Group:
    """One summary line for a case file, then one line per failed case."""
    failed = [o for o in outcomes if not o.passed]
    passed = len(outcomes) - len(failed)
    head = t(
        "{file}: {passed} cases passed, {failed} failed",
        lang,
        file=file,
        passed=passed,
        failed=len(failed),
    )
    word = t("FAILED", lang)
    lines = [Text(head, style="red" if failed else "green")]
    for outcome in failed:
        line = Text(f"  {word} ", style="bold red")
        where = f" ({t('line {n}', lang, n=outcome.line)})" if outcome.line else ""
        line.append(f"{outcome.name}{where}: ")
        line.append("; ".join(outcome.mismatches))
        lines.append(line)
    return Group(*lines)
