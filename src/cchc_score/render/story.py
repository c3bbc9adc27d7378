"""A unit's story across years: its breakdown in one year and its rank in every year."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cchc_score.decimal_utils import fmt
from cchc_score.i18n import Lang, t
from cchc_score.model.ranking import LeagueTable
from cchc_score.story import Story

from .ranking import league_report
from .score import score_report

WORDS: dict[str, tuple[str, str]] = {
    "ranks_title": ("Thứ hạng của {unit} trong khối {block}", "{unit}'s rank in block {block}"),
    "rank": ("Hạng", "Rank"),
    "target": ("Đơn vị hạng {n}", "Unit ranked {n}"),
    "gap": ("Cách hạng {n}", "Gap to rank {n}"),
    "line": ("{unit}: hạng {path}.", "{unit}: ranked {path}."),
    "behind": (
        "Năm {year} {unit} kém hạng {n} ({other}) {gap} điểm chỉ số.",
        "In {year} {unit} was {gap} index points behind rank {n} ({other}).",
    ),
    "illustrative": (
        "Số liệu minh họa (chỉ thứ hạng của Di Linh và tỷ lệ hồ sơ trực tuyến 10,46 % năm 2021"
        " là thật) — xem examples/di_linh/README.md.",
        "Illustrative figures (only Di Linh's ranks and its 10.46 % online rate in 2021 are"
        " real) — see examples/di_linh/README.md.",
    ),
}


def word(key: str, lang: Lang, **values: object) -> str:
    vi, en = WORDS[key]
    return (vi if lang == "vi" else en).format(**values)


def rank_history(story: Story, lang: Lang = "vi", target_rank: int = 3) -> Table:
    """Year, index, rank of N, the unit at ``target_rank`` and the gap to it."""
    places = story.places(target_rank)
    first = places[0].standing
    table = Table(title=word("ranks_title", lang, unit=first.unit, block=first.block))
    table.add_column(t("year", lang))
    table.add_column(t("index", lang), justify="right")
    table.add_column(word("rank", lang), justify="right")
    table.add_column(word("target", lang, n=target_rank))
    table.add_column(word("gap", lang, n=target_rank), justify="right")
    for place in places:
        own, target = place.standing, place.target
        table.add_row(
            str(place.year),
            fmt(own.index),
            f"{own.rank}/{own.of}",
            f"{target.unit} ({fmt(target.index)})" if target is not None else "—",
            fmt(place.gap) if place.gap else "",
        )
    return table


def story_summary(story: Story, lang: Lang = "vi", target_rank: int = 3) -> Text:
    """One line per fact: the ranks year by year, and the last year's gap to ``target_rank``."""
    places = story.places(target_rank)
    unit = places[-1].standing.unit
    path = " → ".join(f"{p.standing.rank} ({p.year})" for p in places)
    lines = [word("line", lang, unit=unit, path=path)]
    last = places[-1]
    if last.target is not None and last.gap:
        lines.append(
            word(
                "behind",
                lang,
                year=last.year,
                unit=unit,
                n=target_rank,
                other=last.target.unit,
                gap=fmt(last.gap),
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
        parts.append(Text(word("illustrative", lang), style="dim"))
    return Group(*parts)
