"""Standalone HTML pages from the library's models, one Jinja2 template per report.

Every page extends ``base.html``: the summary first (unit, year, total, index, band, rank), then
the details as tables with header cells, and the charts as inline SVG. Autoescaping is on for
every template, so a unit name, a file name or a reason is shown as text, never run as markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from cchc_score.compare import crossing_text
from cchc_score.formal import class_heading, formal_unit
from cchc_score.i18n import Lang, flag, one_language, provenance
from cchc_score.model.criteria import Band, CriteriaSet, Node
from cchc_score.model.ranking import LeagueTable
from cchc_score.model.result import NodeResult, Result
from cchc_score.notice import history_text
from cchc_score.peers_year import peers_note
from cchc_score.render.common import block_text
from cchc_score.render.compare import change_status
from cchc_score.simulate.figures import places_for

from . import charts, svgtables
from .simulation import simulation_context
from .svg import table
from .words import moved, number, percent, signed, word

if TYPE_CHECKING:
    from cchc_score.model.comparison import Comparison
    from cchc_score.rules import Rule
    from cchc_score.simulate.batch import UnitPlan
    from cchc_score.simulate.models import Simulation
    from cchc_score.story import Story


@dataclass(frozen=True)
class Page:
    """A report ready to save: its HTML page, and its SVG (a chart or a table)."""

    title: str
    lang: Lang
    html: str
    svg: str


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cchc_score.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: str) -> Markup:
    """``value`` as a CSS string literal: quotes, backslashes, line breaks and ``<`` escaped, so
    a unit's name cannot end the string or the ``<style>`` element it sits in."""
    out = []
    for char in value:
        if char in '"\\<>&' or ord(char) < 32:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')


def render(template: str, lang: Lang, **context: Any) -> str:
    """Render ``template`` with the helpers every template uses bound to ``lang``."""
    helpers: dict[str, Any] = {
        "lang": lang,
        "w": partial(word, lang=lang),
        "num": lambda value, places=2: number(value, lang, places),
        "signed": lambda value, places=2: signed(value, lang, places),
        "pct": lambda share, places=1: percent(share, lang, places),
        "band_name": partial(band_name, lang=lang),
        "node_status": lambda status: change_status(status, lang),
        "block_name": lambda block: block_text(block, lang),
        "provenance": lambda status: provenance(status, lang),
        "moved": partial(moved, lang=lang),
        "formal": lambda name, block: formal_unit(name, block, lang),
        "class_heading": lambda bands: class_heading(bands, lang),
        "one_language": partial(one_language, lang=lang),
    }
    return environment().get_template(template).render(**helpers, **context)


def band_name(band: Band | None, lang: Lang) -> str:
    if band is None:
        return word("no_band", lang)
    return band.label.get(lang)


def set_title(cset: CriteriaSet, lang: Lang) -> str:
    return cset.title.get(lang)


def _rows(node: NodeResult, depth: int = 0) -> Iterator[tuple[NodeResult, int]]:
    yield node, depth
    for child in node.children:
        yield from _rows(child, depth + 1)


def flags_text(node: NodeResult, lang: Lang) -> str:
    words = ", ".join(flag(f, lang) for f in node.flags)
    if node.appraisal_reason:
        words = "; ".join(
            p for p in (words, f"{word('reason', lang)}: {node.appraisal_reason}") if p
        )
    rounds = history_text(node, lang)
    return "; ".join(p for p in (words, rounds) if p)


def score_page(
    result: Result, cset: CriteriaSet, lang: Lang = "vi", rank: str | None = None
) -> Page:
    """One unit's result: the summary, points per area (chart and table), the whole breakdown."""
    title = f"{result.unit} {result.year} — {set_title(cset, lang)}"
    chart = charts.area_chart(result, lang)
    rows = [r for root in result.nodes for r in _rows(root)]
    html = render(
        "score.html",
        lang,
        title=title,
        running=f"{result.unit} · {result.year}",
        result=result,
        cset_title=set_title(cset, lang),
        rank=rank,
        rows=rows,
        flags_text=partial(flags_text, lang=lang),
        chart=chart,
    )
    return Page(title, lang, html, str(chart))


def _tree(nodes: tuple[Node, ...], depth: int = 0) -> Iterator[tuple[Node, int]]:
    for node in nodes:
        yield node, depth
        yield from _tree(node.children, depth + 1)


def set_page(cset: CriteriaSet, rules: dict[str, Rule], lang: Lang = "vi") -> Page:
    """A criteria set: what it is, its bands, and its tree with each leaf's rule in words."""
    title = f"{set_title(cset, lang)} ({cset.id} {cset.version})"
    rows = [
        (
            node,
            depth,
            rules[node.id].explain(lang) if node.is_leaf else "",
            cset.provenance_of(node.id),
        )
        for node, depth in _tree(cset.nodes)
    ]
    html = render(
        "show.html",
        lang,
        title=title,
        running=title,
        cset=cset,
        cset_title=set_title(cset, lang),
        rows=rows,
    )
    return Page(title, lang, html, str(svgtables.set_table(cset, lang)))


def league_page(league: LeagueTable, lang: Lang = "vi") -> Page:
    """Every block's league table with every area's points, the bands, and the files skipped."""
    title = word("league_title", lang)
    years = sorted({b.year for b in league.blocks})
    running = f"{title} · {', '.join(map(str, years))}"
    blocks = [(b, svgtables.area_columns(b, lang)) for b in league.blocks]
    html = render(
        "rank.html",
        lang,
        title=title,
        running=running,
        league=league,
        blocks=blocks,
        landscape=True,
        peers_note=None if league.peers_year is None else peers_note(league.peers_year, lang),
        drafts=", ".join(
            f"{s.unit} ({s.year})" for b in league.blocks for s in b.standings if s.year != b.year
        ),
    )
    return Page(title, lang, html, str(svgtables.league_svg(league, lang)))


def compare_page(cmp: Comparison, lang: Lang = "vi") -> Page:
    """A unit's two years: the summary, each area, criterion and leaf that changed, the rank."""
    title = f"{cmp.unit}: {cmp.year_old} → {cmp.year_new} — {word('compare_title', lang)}"
    rows = [n for area in cmp.areas for n in area.walk() if _changed(n)]
    html = render(
        "compare.html",
        lang,
        title=title,
        running=f"{cmp.unit} · {cmp.year_old} → {cmp.year_new}",
        cmp=cmp,
        rows=rows,
        crossing_note=_crossing_note(cmp, lang),
    )
    return Page(title, lang, html, str(svgtables.compare_svg(cmp, rows, lang)))


def _crossing_note(cmp: Comparison, lang: Lang) -> str:
    """The terminal's words for a comparison across a reorganisation ('' when it is not)."""
    if cmp.crossing is None:
        return ""
    return crossing_text(cmp, lang)


def _changed(node: Any) -> bool:
    return bool(node.difference != 0 or node.status != "same" or node.method != 0)


def simulation_page(sim: Simulation, lang: Lang = "vi", limit: int | None = 15) -> Page:
    """The simulator's answer: the standing, the plan, the frontier, the odds, the rest;
    ``limit``: the single improvements listed (None: every one)."""
    title = f"{sim.unit} {sim.year} — {word('simulate_title', lang)}"
    context = simulation_context(sim, lang, limit)
    html = render(
        "simulate.html", lang, title=title, running=f"{sim.unit} · {sim.year}", sim=sim, **context
    )
    chart = context["frontier_chart"] or context["odds_svg"] or Markup("")
    return Page(title, lang, html, str(chart))


def each_page(plans: Sequence[UnitPlan], cost_unit: str, lang: Lang = "vi") -> Page:
    """``simulate FOLDER``: each unit's standing and its cheapest plan, one row per unit."""
    title = word("each", lang)
    year = ", ".join(sorted({str(p.year) for p in plans}))
    places = places_for(p.plan.total_cost for p in plans if p.plan is not None)
    html = render(
        "each.html",
        lang,
        title=title,
        running=f"{title} · {year}",
        plans=plans,
        cost_unit=cost_unit,
        cost=lambda value: number(value, lang, places),
    )
    headers = [word(k, lang) for k in ("rank", "unit", "total", "cost", "new_rank")]
    rows = [
        [
            f"{p.rank}/{p.of}",
            formal_unit(p.unit, p.block, lang),
            number(p.total, lang),
            number(p.plan.total_cost, lang, places) if p.plan else "–",
            str(p.plan.new_rank) if p.plan else "–",
        ]
        for p in plans
    ]
    svg = table(title, headers, rows, [True, False, True, True, True])
    return Page(title, lang, html, str(svg))


def story_page(story: Story, sim: Simulation | None, lang: Lang = "vi") -> Page:
    """The demo story: the unit's ranks over the years, its last result, its block's table that
    year, and the cheapest way back to the rank it lost."""
    places = story.places(3)
    year = story.years[-1]
    result = story.result(year)
    standing = places[-1].standing
    block = next(b for b in story.league.blocks if (b.year, b.block) == (year, result.block))
    rank_chart = charts.rank_chart(places, lang)
    title = f"{result.unit} {story.years[0]}–{year}: {word('story_title', lang)}"
    html = render(
        "story.html",
        lang,
        title=title,
        running=f"{result.unit} · {year}",
        result=result,
        standing=standing,
        places=places,
        rank_chart=rank_chart,
        area_chart=charts.area_chart(result, lang),
        block=block,
        areas=svgtables.area_columns(block, lang),
        sim=sim,
        **(simulation_context(sim, lang) if sim is not None else {}),
    )
    return Page(title, lang, html, str(rank_chart))


__all__ = [
    "Page",
    "compare_page",
    "each_page",
    "league_page",
    "score_page",
    "set_page",
    "simulation_page",
    "story_page",
]
