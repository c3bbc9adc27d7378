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
    from cchc_score.app.demo import demo_simulation, demo_story, demo_territory
    from cchc_score.render.simulate import plan_view
    from cchc_score.render.simulate_choices import odds_table
    from cchc_score.render.simulate_notes import next_steps_panel
    from cchc_score.render.story import story_report, territory_report
    from cchc_score.simulate.sentences import assumptions_text

    # The set comes from the installed plug-in, as it would for a user, not from a path.
    ctx = context()
    story = demo_story(ctx)
    out = console()
    language = lang_of(lang)
    out.print(story_report(story, story.years[-1], language, illustrative=True))
    sim = demo_simulation(ctx)
    if sim is not None and sim.plan is not None:
        title = t(
            "{unit} {year}: rank {rank} → {new}, the cheapest plan",
            language,
            unit=sim.unit,
            year=sim.year,
            rank=sim.rank,
            new=sim.plan.new_rank,
        )
        out.print(plan_view(sim.plan, sim, language, title=title))
        if sim.odds is not None:
            out.print(odds_table(sim, language))
            out.print(assumptions_text(sim.odds, language), style="dim")
    # Then what became of the district: its territory in 2025, after the reorganisation.
    territory = demo_territory(ctx, story)
    if territory is not None:
        out.print(territory_report(territory, language))
    out.print(next_steps_panel(sim.criteria_set if sim is not None else None, language))
    if export is not None:
        from cchc_score.report import story_page

        save_page(story_page(story, sim, language), export)
        click.echo(t("Report saved to: {file}", language, file=str(export)), err=True)
