"""League tables: one rich table per block, and the same as CSV for other systems."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from cchc_score.decimal_utils import quantize
from cchc_score.formal import class_heading
from cchc_score.formats.csvfile import table_text
from cchc_score.i18n import N_, Lang, code_label, nt, number, t
from cchc_score.model.criteria import Band
from cchc_score.model.ranking import AreaPoints, BlockTable, LeagueTable
from cchc_score.peers_year import peers_note
from cchc_score.ranking import set_name

from .common import block_text, plain
from .layout import stacked

#: What each tie policy means (the Vietnamese names the policy by this alone).
TIE_POLICIES = {
    "shared": N_("shared ranks, next skipped (1, 2, 2, 4)"),
    "dense": N_("shared ranks, none skipped (1, 2, 2, 3)"),
    "unrounded": N_("by the unrounded total; tied only when exactly equal"),
    "appraised_first": N_("equal index broken by the appraised part"),
}


def policy_text(policy: str, lang: Lang) -> str:
    """The tie policy's name and what it means."""
    meaning = t(TIE_POLICIES[policy], lang) if policy in TIE_POLICIES else ""
    if lang == "en":
        return f"{t('Tie policy', lang)}: {policy} — {meaning}"
    return f"{t('Tie policy', lang)}: {meaning or code_label('tie_policy', policy, lang)}"


def band_label(band: Band | None, lang: Lang) -> str:
    if band is None:
        return ""
    return band.label.get(lang)


def block_table(
    table: BlockTable, lang: Lang = "vi", area_ranks: bool = False, width: int | None = None
) -> Table:
    """Rank, unit, total, index, band and each area's points (and area rank) of a block.

    With ``width``, the area columns are left out when they would not fit in it (the caption
    says so); the rank, unit, total, index and band always show.
    """
    area_ids: list[str] = []
    labels: dict[str, str] = {}
    for s in table.standings:
        for a in s.areas:
            if a.id not in labels:
                area_ids.append(a.id)
                labels[a.id] = a.label.get(lang)
    headers = [t("Rank", lang), t("Unit", lang), t("Total", lang), t("Index", lang)]
    headers.append(class_heading(table.bands, lang))
    rows: list[list[str | Text]] = [
        [
            f"{s.rank}/{s.of}",
            plain(s.unit if s.year == table.year else f"{s.unit} ({s.year})"),
            number(s.total, lang) if s.total is not None else "",
            number(s.index, lang),
            band_label(s.band, lang),
        ]
        for s in table.standings
    ]
    area_cells = [
        [_area_cell(s.area(i), area_ranks, lang) for i in area_ids] for s in table.standings
    ]
    # Each column takes its cells, two of padding and a separator; the two edges take one more.
    fits = width is None or _width(headers, rows) + _width(area_ids, area_cells) + 1 <= width
    caption_lines = _caption(table, lang)
    if width is not None and _width(headers, rows) + 1 > width:
        return _stacked(table, rows, area_ids, area_cells, caption_lines, lang)
    if area_ids and fits:
        caption_lines.append(" · ".join(f"{i}: {labels[i]}" for i in area_ids))
    elif area_ids:
        caption_lines.append(
            t("Areas left out for lack of width: widen the terminal or use --csv", lang)
        )
    units = nt("{n} unit", "{n} units", len(table.standings), lang)
    block = block_text(table.block, lang, lower=True)
    title = f"{t('League table', lang)} — {block} · {table.year} · {units}"
    out = Table(
        title=title, caption="\n".join(caption_lines), caption_justify="left", box=box.SIMPLE_HEAD
    )
    # Only the unit's name gives way (with an ellipsis) when the terminal is too narrow.
    for i, header in enumerate(headers):
        natural = max([len(header)] + [len(row[i]) for row in rows])
        out.add_column(
            header,
            justify="left" if i in (1, 4) else "right",
            no_wrap=True,
            min_width=None if i == 1 else natural,
        )
    shown = area_ids if fits else []
    for area_id in shown:
        out.add_column(area_id, justify="right", no_wrap=True)
    for row, cells in zip(rows, area_cells, strict=True):
        out.add_row(*row, *(cells if fits else []))
    return out


def _stacked(
    table: BlockTable,
    rows: list[list[str | Text]],
    area_ids: list[str],
    area_cells: list[list[Text]],
    caption: list[str],
    lang: Lang,
) -> Table:
    """The block's table for a terminal too narrow for its columns: one block per unit, its
    rank beside its name, then its total, index and band, then its areas' points."""
    stacked_rows = []
    for row, cells in zip(rows, area_cells, strict=True):
        rank, unit, total, index, band = (str(c) for c in row)
        figures = f"{total} · {t('Index', lang)} {index}" + (f" · {band}" if band else "")
        facts = [(t("Total", lang), figures)]
        areas = " · ".join(f"{i}: {c}" for i, c in zip(area_ids, cells, strict=True) if str(c))
        if areas:
            facts.append((t("Areas", lang), areas))
        stacked_rows.append((rank, unit, facts))
    units = nt("{n} unit", "{n} units", len(table.standings), lang)
    title = f"{t('League table', lang)} — {block_text(table.block, lang, lower=True)}"
    title += f" · {table.year} · {units}"
    out = stacked(title, (t("Rank", lang), t("Unit", lang)), stacked_rows, "\n".join(caption))
    out.caption_justify = "left"
    return out


def _area_cell(points: AreaPoints | None, area_ranks: bool, lang: Lang) -> Text:
    if points is None:
        return Text("")
    cell = Text(number(points.points, lang))
    if area_ranks:
        cell += Text(f" ({points.rank})", style="dim")
    return cell


def _width(headers: Sequence[str], rows: Sequence[Sequence[str | Text]]) -> int:
    """Cells of the widest row per column, plus padding and a column's share of the edges."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    return sum(w + 3 for w in widths)


def _caption(table: BlockTable, lang: Lang) -> list[str]:
    lines = [policy_text(table.tie_policy, lang)]
    if table.criteria_sets:
        lines.append(f"{t('Criteria set', lang)}: {', '.join(table.criteria_sets)}")
    if table.sets_outside_years:
        lines.append(outside_years_text(table.sets_outside_years, table.year, lang))
    if table.bands:
        thresholds = ", ".join(
            f"{band_label(b, lang)} ≥ {number(b.min_index, lang)}" for b in table.bands
        )
        lines.append(f"{class_heading(table.bands, lang)}: {thresholds}")
    if table.band_counts:
        names = {b.code: band_label(b, lang) for b in table.bands}
        names.update(
            {s.band.code: band_label(s.band, lang) for s in table.standings if s.band is not None}
        )
        counts = ", ".join(f"{names.get(c, c)} {k}" for c, k in table.band_counts.items())
        lines.append(f"{t('Units per band', lang)}: {counts}")
    return lines


class _Fitted:
    """A block table built for the width it is rendered at."""

    def __init__(self, table: BlockTable, lang: Lang, area_ranks: bool) -> None:
        self.table = table
        self.lang = lang
        self.area_ranks = area_ranks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield block_table(self.table, self.lang, self.area_ranks, options.max_width)


def league_report(
    league: LeagueTable, lang: Lang = "vi", area_ranks: bool = False
) -> RenderableType:
    """Every block's table, fitted to the console (files skipped are reported by the command)."""
    tables = [_Fitted(b, lang, area_ranks) for b in league.blocks]
    if league.peers_year is None:
        return Group(*tables)
    return Group(peers_year_text(league, lang), *tables)


def peers_year_text(league: LeagueTable, lang: Lang) -> Text:
    """The units of another year, each with its year, and what they were ranked against."""
    assert league.peers_year is not None
    drafts = [
        f"{s.unit} ({s.year})" for b in league.blocks for s in b.standings if s.year != b.year
    ]
    note = peers_note(league.peers_year, lang)
    return plain(f"{', '.join(drafts)}: {note}", style="bold")


#: Decimals a CSV cell keeps: points that come from a division (a survey's mean, a proportion)
#: are not exact anyway, and 28 digits help no spreadsheet.
CSV_PLACES = 4


def csv_number(value: Decimal) -> str:
    """A number for a CSV cell: as it is when it has at most ``CSV_PLACES`` decimals (so exact
    figures stay exact), else rounded half up to ``CSV_PLACES`` decimals; never an exponent."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -CSV_PLACES:
        return f"{value:f}"
    return f"{quantize(value, CSV_PLACES):f}"


def area_number(value: Decimal) -> str:
    """An area's points for a CSV cell, written alike in every area column: as
    :func:`csv_number`, without trailing zeros (``6``, never ``6.0`` beside ``6``)."""
    text = csv_number(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def league_csv(league: LeagueTable) -> str:
    """One row per unit: block, year, rank, figures, band, tie policy, then each area.

    Numbers with more than ``CSV_PLACES`` decimals are rounded to them (see
    :func:`csv_number`); the JSON keeps every digit.
    """
    area_ids: list[str] = []
    for b in league.blocks:
        for s in b.standings:
            area_ids.extend(a.id for a in s.areas if a.id not in area_ids)
    rows: list[list[object]] = [
        [
            "block",
            "year",
            "rank",
            "of",
            "unit",
            "unit_id",
            "total",
            "total_max",
            "index",
            "band",
            "appraised",
            "survey",
            "tie_policy",
            "criteria_set",
            *(f"area:{i}" for i in area_ids),
            *(f"area_rank:{i}" for i in area_ids),
        ]
    ]

    def text(value: object) -> str:
        if isinstance(value, Decimal):
            return csv_number(value)
        return "" if value is None else str(value)

    for b in league.blocks:
        for s in b.standings:
            areas = [s.area(i) for i in area_ids]
            rows.append(
                [
                    b.block,
                    s.year,  # a draft ranked against another year's table keeps its own
                    s.rank,
                    s.of,
                    s.unit,
                    text(s.unit_id),
                    text(s.total),
                    text(s.total_max),
                    text(s.index),
                    s.band.code if s.band else "",
                    text(s.appraised),
                    text(s.survey),
                    b.tie_policy,
                    set_name(s) or "",
                    *(area_number(a.points) if a else "" for a in areas),
                    *(text(a.rank if a else None) for a in areas),
                ]
            )
    return table_text(rows)


def outside_years_text(sets: Sequence[str], year: int, lang: Lang) -> str:
    """The note of a table ranked under a set whose index years do not include its year."""
    return t(
        "Note: ranked under {sets}, a set not valid for index year {year}",
        lang,
        sets=", ".join(sets),
        year=year,
    )
