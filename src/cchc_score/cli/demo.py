"""demo: the Di Linh story and the plan that would bring it back to 3rd."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_score.i18n import t

from .export import export_option, save_page
from .options import console, context, lang_of, lang_option


@click.command("demo")
@lang_option
@export_option
def demo_cmd(lang: str, export: Path | None) -> None:
    """Run the shipped example."""
    from cchc_score.app.demo import demo_simulation, demo_story
    from cchc_score.render.simulate import odds_table, plan_view
    from cchc_score.render.story import story_report

    # The set comes from the installed plug-in, as it would for a user, not from a path.
    ctx = context()
    story = demo_story(ctx)
    out = console()
    out.print(story_report(story, story.years[-1], lang_of(lang), illustrative=True))
    sim = demo_simulation(ctx)
    if sim is not None and sim.plan is not None:
        title = t(
            "{unit} {year}: rank {rank} → {new}, the cheapest plan",
            lang,
            unit=sim.unit,
            year=sim.year,
            rank=sim.rank,
            new=sim.plan.new_rank,
        )
        out.print(plan_view(sim.plan, sim, lang_of(lang), title=title))
        if sim.odds is not None:
            out.print(odds_table(sim, lang_of(lang)))
    if export is not None:
        from cchc_score.report import story_page

        save_page(story_page(story, sim, lang_of(lang)), export)
        click.echo(t("Report saved to: {file}", lang, file=str(export)), err=True)
