"""League tables and comparisons as workbooks for people (``-o FILE.xlsx``): the same figures
as the JSON output, as spreadsheet numbers with formats, one table per sheet (plans:
``plans.py``)."""

from __future__ import annotations

from typing import Any

from cchc_score.compare import crossing_text
from cchc_score.formats.xlsx import Workbook, Worksheet
from cchc_score.i18n import code_label
from cchc_score.model.comparison import Comparison
from cchc_score.model.ranking import BlockTable, LeagueTable
from cchc_score.peers_year import peers_note

from .sheets import (
    POINTS,
    WHOLE,
    Column,
    band_fill,
    fit_row_heights,
    key_values,
    new_book,
    write_table,
)
from .words import word


def area_columns(table: BlockTable) -> list[tuple[str, str, str, Any]]:
    """Each area of the block, in order: id, Vietnamese and English labels, maximum."""
    seen: dict[str, tuple[str, str, str, Any]] = {}
    for s in table.standings:
        for a in s.areas:
            seen.setdefault(a.id, (a.id, a.label_vi, a.label_en, a.max_points))
    return list(seen.values())


def area_index(points: Any, max_points: Any) -> Any:
    """An area's points as a percentage of its maximum (None without a maximum)."""
    if points is None or not max_points:
        return None
    return points * 100 / max_points


def league_book(league: LeagueTable, lang: str = "vi") -> Workbook:
    """One sheet per block and year: rank, unit, figures, band (coloured), each area's points
    and index; then a sheet of notes (tie policy, sets, band thresholds, files skipped)."""
    wb = new_book()
    for table in league.blocks:
        areas = area_columns(table)
        columns = [
            Column(word("rank", lang), WHOLE, 7),
            Column(word("of", lang), WHOLE, 8),
            Column(word("unit", lang)),
            Column(word("unit_id", lang)),
            Column(word("total", lang), POINTS, 10),
            Column(word("total_max", lang), POINTS, 10),
            Column(word("index", lang), POINTS, 10),
            Column(word("band", lang), None, 12),
            Column(word("appraised", lang), POINTS, 11),
            Column(word("survey", lang), POINTS, 11),
        ]
        for area_id, vi, en, _ in areas:
            label = vi if lang == "vi" else en
            columns.append(Column(f"{area_id}. {label}\n{word('area_points', lang)}", POINTS, 14))
        for area_id, _, _, _ in areas:
            columns.append(Column(f"{area_id}\n{word('area_index', lang)}", POINTS, 10))
        rows = []
        for s in table.standings:
            points = [s.area(a[0]) for a in areas]
            rows.append(
                [
                    s.rank,
                    s.of,
                    s.unit if s.year == table.year else f"{s.unit} ({s.year})",
                    s.unit_id,
                    s.total,
                    s.total_max,
                    s.index,
                    band_text(s.band, lang),
                    s.appraised,
                    s.survey,
                    *(p.points if p else None for p in points),
                    *(
                        area_index(p.points, p.max_points if p.max_points else a[3]) if p else None
                        for p, a in zip(points, areas, strict=True)
                    ),
                ]
            )
        sheet = f"{code_label('block', table.block, lang)} {table.year}"
        ws = write_table(wb, sheet, columns, rows, frozen_columns=3)
        codes = [b.code for b in table.bands]
        for r, s in enumerate(table.standings, start=2):
            if s.band is not None and s.band.code in codes:
                ws.cell(row=r, column=8).fill = band_fill(codes.index(s.band.code), len(codes))
    notes: list[tuple[str, Any, str | None]] = []
    if league.peers_year is not None:
        drafts = [
            f"{s.unit} ({s.year})" for b in league.blocks for s in b.standings if s.year != b.year
        ]
        note = f"{', '.join(drafts)}: {peers_note(league.peers_year, lang)}"
        notes.append((word("compared", lang), note, None))
    for table in league.blocks:
        block = code_label("block", table.block, lang)
        notes.append((f"{word('block', lang)} {block} · {table.year}", None, None))
        notes.append((word("tie_policy", lang), table.tie_policy, None))
        notes.append((word("criteria_set", lang), ", ".join(table.criteria_sets), None))
        for b in table.bands:
            label = f"{word('band', lang)} {band_text(b, lang)}: {word('min_index', lang)}"
            notes.append((label, b.min_index, POINTS))
        for code, count in table.band_counts.items():
            name = next((band_text(b, lang) for b in table.bands if b.code == code), code)
            notes.append((f"{word('count', lang)} {name}", count, WHOLE))
    for skipped in league.skipped:
        notes.append((f"{word('skipped', lang)}: {skipped.file}", skipped.message, None))
    key_values(wb, word("notes", lang), notes)
    return wb


def band_text(band: Any, lang: str) -> str | None:
    if band is None:
        return None
    return str(band.label_vi if lang == "vi" else band.label_en)


def comparison_book(cmp: Comparison, lang: str = "vi") -> Workbook:
    """A summary sheet (totals, indexes, where the change comes from, the rank change) and a
    sheet of every node's points before and after."""
    wb = new_book()
    rows: list[tuple[str, Any, str | None]] = [
        (word("unit", lang), cmp.unit, None),
        (word("block", lang), code_label("block", cmp.block, lang), None),
        (word("years", lang), f"{cmp.year_old} → {cmp.year_new}", None),
        (word("set_old", lang), cmp.set_old, None),
        (word("set_new", lang), cmp.set_new, None),
    ]
    for key in (
        "total_before",
        "total_after",
        "total_difference",
        "index_before",
        "index_after",
        "index_difference",
        "method_effect",
        "performance_effect",
        "rounding_and_caps",
    ):
        rows.append((word(key, lang), getattr(cmp, key), POINTS))
    rank = cmp.rank
    if rank is not None:
        rows += [
            (word("rank_old", lang), f"{rank.rank_old}/{rank.of_old}", None),
            (word("rank_new", lang), f"{rank.rank_new}/{rank.of_new}", None),
            (word("rank_change", lang), rank.change, WHOLE),
            (word("direction", lang), word(rank.direction, lang), None),
            (word("own_effect", lang), rank.own_effect, POINTS),
            (word("others_effect", lang), rank.others_effect, POINTS),
            (word("rank_own_only", lang), rank.rank_own_only, WHOLE),
            (word("rank_others_only", lang), rank.rank_others_only, WHOLE),
            (word("overtaken_by", lang), ", ".join(rank.overtaken_by), None),
            (word("overtook", lang), ", ".join(rank.overtook), None),
            (word("peers_mean_index_change", lang), rank.peers_mean_index_change, POINTS),
        ]
    if cmp.crossing is not None:
        # Across a reorganisation: what the comparison crosses, as the terminal says it.
        rows.insert(
            3, (word("crossing", lang), crossing_text(cmp, "en" if lang == "en" else "vi"), None)
        )
    key_values(wb, word("summary", lang), rows)
    columns = [
        Column(word("id", lang), None, 9),
        Column(word("criterion", lang), None, 50),
        Column(word("level", lang), WHOLE, 6),
        Column(word("status", lang), None, 14),
        Column(word("max_before", lang), POINTS, 10),
        Column(word("max_after", lang), POINTS, 10),
        Column(f"{word('before', lang)} {cmp.year_old}", POINTS, 10),
        Column(f"{word('after', lang)} {cmp.year_new}", POINTS, 10),
        Column(word("difference", lang), POINTS, 11),
        Column(word("method", lang), POINTS, 12),
        Column(word("performance", lang), POINTS, 12),
    ]
    nodes = list(cmp.walk())
    table = [
        [
            n.id,
            n.label.get(lang),
            n.level,
            word(n.status, lang),
            n.max_before,
            n.max_after,
            n.before,
            n.after,
            n.difference,
            n.method,
            n.performance,
        ]
        for n in nodes
    ]
    ws = write_table(wb, word("changes", lang), columns, table)
    _outline(ws, [n.level for n in nodes], [n.is_leaf for n in nodes])
    fit_row_heights(ws, 2, len(nodes) + 1)
    return wb


def _outline(ws: Worksheet, levels: list[int], leaves: list[bool]) -> None:
    """Labels indented by level; groups (areas, criteria with parts) in bold."""
    from cchc_score.formats.xlsx import Alignment, Font

    for r, (level, leaf) in enumerate(zip(levels, leaves, strict=True), start=2):
        ws.cell(row=r, column=2).alignment = Alignment(
            indent=max(level - 1, 0), wrap_text=True, vertical="top"
        )
        if not leaf:
            for col in range(1, ws.max_column + 1):
                ws.cell(row=r, column=col).font = Font(bold=True)
