"""A unit's story across years: its breakdown in one year and its rank in every year."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cchc_score.i18n import N_, Lang, code_label, number, percent, t
from cchc_score.lineage import Territory
from cchc_score.model.ranking import LeagueTable
from cchc_score.story import Story

from .common import plain
from .ranking import league_report
from .score import score_report

#: The Di Linh example's note on which figures are real.
ILLUSTRATIVE = N_(
    "Illustrative figures (only Di Linh's ranks and its {rate} online rate in 2021 are"
    " real) — see examples/di_linh/README.md."
)
ILLUSTRATIVE_RATE = Decimal("10.46")


def rank_history(story: Story, lang: Lang = "vi", target_rank: int = 3) -> Table:
    """Year, index, rank of N, the unit at ``target_rank`` and the gap to it."""
    places = story.places(target_rank)
    first = places[0].standing
    block = first.block if lang == "en" else code_label("block", first.block, lang)
    title = t("{unit}'s rank in block {block}", lang, unit=first.unit, block=block)
    table = Table(title=title)
    table.add_column(t("Year", lang))
    table.add_column(t("Index", lang), justify="right")
    table.add_column(t("Rank", lang), justify="right")
    table.add_column(t("Unit ranked {n}", lang, n=target_rank))
    table.add_column(t("Gap to rank {n}", lang, n=target_rank), justify="right")
    for place in places:
        own, target = place.standing, place.target
        table.add_row(
            str(place.year),
            number(own.index, lang),
            f"{own.rank}/{own.of}",
            plain(f"{target.unit} ({number(target.index, lang)})") if target is not None else "—",
            number(place.gap, lang) if place.gap else "",
        )
    return table


def story_summary(story: Story, lang: Lang = "vi", target_rank: int = 3) -> Text:
    """One line per fact: the ranks year by year, and the last year's gap to ``target_rank``."""
    places = story.places(target_rank)
    unit = places[-1].standing.unit
    path = " → ".join(f"{p.standing.rank} ({p.year})" for p in places)
    lines = [t("{unit}: ranked {path}.", lang, unit=unit, path=path)]
    last = places[-1]
    if last.target is not None and last.gap:
        lines.append(
            t(
                "In {year} {unit} was {gap} index points behind rank {n} ({other}).",
                lang,
                year=last.year,
                unit=unit,
                n=target_rank,
                other=last.target.unit,
                gap=number(last.gap, lang),
            )
        )
    return Text("\n".join(lines), style="bold")


def story_report(
    story: Story, year: int, lang: Lang = "vi", *, illustrative: bool = False
) -> RenderableType:
    """The unit's breakdown in ``year``, the league table of its block that year, its ranks
    every year; ``illustrative`` adds the Di Linh example's note on which figures are real."""
    block = story.result(year).block
    that_year = LeagueTable(
        blocks=tuple(b for b in story.league.blocks if (b.year, b.block) == (year, block))
    )
    parts: list[RenderableType] = [
        score_report(story.result(year), lang),
        league_report(that_year, lang),
        rank_history(story, lang),
        story_summary(story, lang),
    ]
    if illustrative:
        note = t(ILLUSTRATIVE, lang, rate=percent(ILLUSTRATIVE_RATE, lang))
        parts.append(Text(note, style="dim"))
    return Group(*parts)


#: How a lineage link is known.
LINK_WORDS = {
    "seen": N_("from a source"),
    "inferred": N_("inferred from the names"),
    "illustrative": N_("illustrative"),
}
#: What following a territory across 1/7/2025 crosses.
CROSSING_NOTE = N_(
    "After {date} {unit} no longer exists: its territory is followed into the units it became,"
    " ranked among the {n} units of another block under another criteria set. The comparison"
    " crosses a change of unit and of method: a rank here does not continue the ranks above."
)


def territory_report(territory: Territory, lang: Lang = "vi") -> RenderableType:
    """The units an old unit's territory became, with their rank, index and band that year."""
    title = t(
        "{unit}'s territory in {year}", lang, unit=territory.old_unit, year=territory.year_new
    )
    table = Table(title=title)
    table.add_column(t("Unit", lang))
    table.add_column(t("Index", lang), justify="right")
    table.add_column(t("Rank", lang), justify="right")
    table.add_column(t("Band", lang))
    table.add_column(t("Link", lang))
    size = 0
    for row in territory.successors:
        s = row.standing
        size = max(size, s.of if s is not None else 0)
        table.add_row(
            plain(row.link.new.unit),
            number(s.index, lang) if s is not None else "—",
            f"{s.rank}/{s.of}" if s is not None else "—",
            plain(s.band.label.get(lang)) if s is not None and s.band is not None else "",
            t(LINK_WORDS[row.link.status], lang),
        )
    note = t(
        CROSSING_NOTE,
        lang,
        date=territory.effective.strftime("%d/%m/%Y"),
        unit=territory.old_unit,
        n=size,
    )
    return Group(table, Text(note, style="yellow"))
