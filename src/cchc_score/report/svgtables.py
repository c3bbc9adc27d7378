"""Reports whose SVG export is a table rather than a chart: rank, show, compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from cchc_score.i18n import Lang
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import BlockTable, LeagueTable
from cchc_score.render.common import block_text

from .svg import table
from .words import number, signed, word

if TYPE_CHECKING:
    from cchc_score.model.comparison import Comparison, NodeChange


def area_columns(block: BlockTable, lang: Lang) -> list[tuple[str, str]]:
    """(id, label) of every area any unit of the block has, in order of first appearance."""
    seen: dict[str, str] = {}
    for s in block.standings:
        for a in s.areas:
            seen.setdefault(a.id, a.label.get(lang))
    return list(seen.items())


def _band(block_band: object, lang: Lang) -> str:
    if block_band is None:
        return ""
    return str(getattr(block_band, "label_vi" if lang == "vi" else "label_en"))


def league_svg(league: LeagueTable, lang: Lang = "vi") -> Markup:
    """The league table of the first block (each block of a multi-block run is in the HTML),
    every area's points kept."""
    if not league.blocks:
        return table(word("league_title", lang), [word("unit", lang)], [], [False])
    block = league.blocks[0]
    areas = area_columns(block, lang)
    headers = [word("rank", lang), word("unit", lang), word("total", lang), word("index", lang)]
    headers += [word("band", lang), *(f"{word('area', lang)} {i}" for i, _ in areas)]
    rows = []
    for s in block.standings:
        row = [f"{s.rank}/{s.of}", s.unit, number(s.total, lang), number(s.index, lang)]
        row.append(_band(s.band, lang))
        for area_id, _ in areas:
            points = s.area(area_id)
            row.append(number(points.points, lang) if points is not None else "")
        rows.append(row)
    where = word(
        "league_block", lang, block=block_text(block.block, lang), year=block.year, n=len(rows)
    )
    title = f"{word('league_title', lang)} — {where}"
    right = [True, False, True, True, False, *(True for _ in areas)]
    return table(title, headers, rows, right)


def set_table(cset: CriteriaSet, lang: Lang = "vi") -> Markup:
    """The set's areas and criteria (two levels) with their maxima."""
    rows = []
    for area in cset.nodes:
        rows.append([area.id, area.label.get(lang), number(area.max_points, lang)])
        rows.extend(
            [c.id, "  " + c.label.get(lang), number(c.max_points, lang)] for c in area.children
        )
    title = f"{cset.title.get(lang)} ({cset.id} {cset.version})"
    return table(
        title,
        [word("id", lang), word("criterion", lang), word("max", lang)],
        rows,
        [False, False, True],
    )


def compare_svg(cmp: Comparison, rows: list[NodeChange], lang: Lang = "vi") -> Markup:
    """Each node that changed: points before, after, and the difference."""
    headers = [word("id", lang), word("criterion", lang)]
    headers += [
        f"{word('before', lang)} ({cmp.year_old})",
        f"{word('after', lang)} ({cmp.year_new})",
    ]
    headers.append(word("difference", lang))
    body = [
        [
            n.id,
            "  " * n.level + n.label.get(lang),
            number(n.before, lang),
            number(n.after, lang),
            signed(n.difference, lang),
        ]
        for n in rows
    ]
    title = f"{cmp.unit}: {cmp.year_old} → {cmp.year_new}"
    return table(title, headers, body, [False, False, True, True, True])
