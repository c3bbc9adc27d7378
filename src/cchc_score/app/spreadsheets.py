"""Workbooks for people: league tables, comparisons and plans (``-o FILE.xlsx``), the official
layouts (the decision's results appendix, the self-assessment form) and the cost table to fill
in. openpyxl is imported only here, when a workbook is written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from cchc_score.model.comparison import Comparison
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import LeagueTable
from cchc_score.model.result import NodeResult
from cchc_score.notice import Notice
from cchc_score.simulate.batch import UnitPlan
from cchc_score.simulate.models import Simulation
from cchc_score.writing import check_output

from .context import Context
from .scoring import Scored

#: Layouts of a league table workbook: a sortable table per block, or the decision's appendix.
LeagueLayout = Literal["table", "phu-luc"]
LEAGUE_LAYOUTS: tuple[str, ...] = ("table", "phu-luc")


def write_league(
    league: LeagueTable,
    path: Path,
    lang: str = "vi",
    layout: str = "table",
    heading: str | None = None,
    *,
    overwrite: bool = True,
) -> Path:
    """The league table as a workbook: ``table`` (one sortable sheet per block, bands
    coloured) or ``phu-luc`` (the results appendix of a decision, in Vietnamese)."""
    from cchc_score.spreadsheets.sheets import save_book

    if layout == "phu-luc":
        from cchc_score.spreadsheets.official import appendix_book

        return save_book(appendix_book(league, heading), path, overwrite=overwrite)
    from cchc_score.spreadsheets.outputs import league_book

    return save_book(league_book(league, lang), path, overwrite=overwrite)


def write_comparison(
    cmp: Comparison, path: Path, lang: str = "vi", *, overwrite: bool = True
) -> Path:
    from cchc_score.spreadsheets.outputs import comparison_book
    from cchc_score.spreadsheets.sheets import save_book

    return save_book(comparison_book(cmp, lang), path, overwrite=overwrite)


def write_simulation(
    sim: Simulation, path: Path, lang: str = "vi", *, overwrite: bool = True
) -> Path:
    from cchc_score.spreadsheets.plans import simulation_book
    from cchc_score.spreadsheets.sheets import save_book

    return save_book(simulation_book(sim, lang), path, overwrite=overwrite)


def write_each(
    plans: Sequence[UnitPlan],
    cost_unit: str,
    path: Path,
    lang: str = "vi",
    *,
    overwrite: bool = True,
) -> Path:
    """Every unit's plan of a folder (``simulate FOLDER``) as a workbook."""
    from cchc_score.spreadsheets.each import each_book
    from cchc_score.spreadsheets.sheets import save_book

    return save_book(each_book(plans, cost_unit, lang), path, overwrite=overwrite)


def write_form(scored: Scored, path: Path, *, overwrite: bool = True) -> Path:
    """A unit's self-assessment as the official form (Biểu tự đánh giá, chấm điểm)."""
    from cchc_score.spreadsheets.official import form_book
    from cchc_score.spreadsheets.sheets import save_book

    book = form_book(scored.criteria_set, scored.document, scored.result)
    leaves = [n for n in scored.result.walk() if n.appraisal_history]
    if any(_loop(n) for n in leaves):
        # Rounds after the first, or the explanation loop: the form's one appraisal column
        # shows the deciding round; the history sheet shows every round.
        from cchc_score.spreadsheets.notice import history_sheet

        history_sheet(book, leaves)
    return save_book(book, path, overwrite=overwrite)


def _loop(node: NodeResult) -> bool:
    """The leaf went through more than one round or the explanation loop."""
    history = node.appraisal_history
    return len(history) > 1 or any(s.explanation_required or s.explanation for s in history)


def write_notice(notice: Notice, path: Path, lang: str = "vi", *, overwrite: bool = True) -> Path:
    """The notice of an appraisal round's result as a workbook."""
    from cchc_score.spreadsheets.notice import notice_book
    from cchc_score.spreadsheets.sheets import save_book

    return save_book(notice_book(notice, "en" if lang == "en" else "vi"), path, overwrite=overwrite)


def write_cost_template(
    ctx: Context, cset: CriteriaSet, output: Path, *, force: bool, packs: list[Path]
) -> int:
    """A cost table to fill in: every leaf the planner may change and the outcomes it can
    reach; ``simulate --costs`` reads it back. Returns the number of leaves listed."""
    from cchc_score.spreadsheets.costs import cost_template
    from cchc_score.spreadsheets.sheets import save_book

    from .workbooks import require_xlsx

    require_xlsx(output)
    check_output(output, inputs=packs, overwrite=force)
    wb, leaves = cost_template(cset, cset.rules)
    save_book(wb, output, overwrite=force)
    return leaves
