"""simulate: the cheapest improvements that raise a unit's rank."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from cchc_score.errors import msg
from cchc_score.i18n import t

if TYPE_CHECKING:
    from cchc_score.simulate import Objective

from .export import check_export, export_option, force_option, lazy_page, show
from .options import (
    ProgressBar,
    check_target,
    context,
    lang_of,
    lang_option,
    report_skip,
    set_option,
)


def decimal_option(value: str | None, name: str) -> Decimal | None:
    from cchc_score.decimal_utils import check_magnitude

    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise click.BadParameter(
            msg("{value!r} is not a number", value=value), param_hint=name
        ) from None
    # Bounded as numbers in input files are, so the planner's arithmetic cannot overflow.
    why = check_magnitude(number)
    if why is not None:
        from cchc_score.validation_words import problem

        raise click.BadParameter(problem(f"{value!r} {why}"), param_hint=name)
    return number


def objective_of(
    target_rank: int | None,
    target_band: str | None,
    budget: str | None,
    against: str,
    margin: str | None,
) -> Objective | None:
    """The objective the options ask for (None: no plan); a usage error for two objectives,
    or for --against expected / --margin without --target-rank."""
    from cchc_score.simulate import Budget, TargetBand, TargetRank

    chosen = [x for x in (target_rank, target_band, budget) if x is not None]
    if len(chosen) > 1:
        raise click.UsageError(msg("give one of --target-rank, --target-band, --budget"))
    safety = decimal_option(margin, "--margin") or Decimal(0)
    if safety < 0:
        raise click.BadParameter(msg("{value!r} is negative", value=margin), param_hint="--margin")
    if target_rank is not None:
        expected = against == "expected"
        return TargetRank(target_rank, margin=safety, against="expected" if expected else "current")
    if against != "current" or safety:
        raise click.UsageError(msg("--against expected and --margin need --target-rank"))
    if target_band is not None:
        return TargetBand(target_band)
    amount = decimal_option(budget, "--budget")
    return Budget(amount) if amount is not None else None


def _given(name: str) -> bool:
    """Whether the option ``name`` was given on the command line (not left at its default)."""
    source = click.get_current_context().get_parameter_source(name)
    return source is not None and source is not ParameterSource.DEFAULT


@click.command("simulate")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option(
    "--peers",
    "peers_path",
    type=click.Path(path_type=Path),
    help=(
        "Folder of assessments or totals table (not needed when ASSESSMENT is a folder: each "
        "unit is planned against the others)."
    ),
)
@click.option(
    "--costs",
    "costs_path",
    type=click.Path(path_type=Path),
    help=(
        "Cost table (YAML, JSON, CSV, .xlsx); leaves it does not price stay fixed unless it "
        "sets a default."
    ),
)
@click.option("--target-rank", type=click.IntRange(min=1), help="Target rank.")
@click.option("--target-band", help="Target band code.")
@click.option("--budget", help="Budget, in the cost table's unit.")
@click.option(
    "--alternatives",
    type=click.IntRange(min=0, max=20),
    default=2,
    show_default=True,
    help="How many alternative plans.",
)
@click.option("--peer-sd", help="Peers' index spread (odds).")
@click.option("--peer-trend", help="Peers' expected change.")
@click.option(
    "--against",
    type=click.Choice(["current", "expected"]),
    default="current",
    show_default=True,
    help="Plan the target rank against the peers' current or expected indexes.",
)
@click.option(
    "--margin",
    help=("Safety margin: reach the target rank even if every peer gains M more index points."),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=(
        "Write the assessment with the plan applied (.yaml, .json), to score it; or (.xlsx) a"
        " workbook of the simulation: summary, plan, cost of each rank, opportunities, "
        "alternatives and odds (for a folder: every unit's plan and its steps)."
    ),
)
@force_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@set_option
@export_option
@lang_option
def simulate_cmd(
    assessment: Path,
    peers_path: Path | None,
    costs_path: Path | None,
    target_rank: int | None,
    target_band: str | None,
    budget: str | None,
    alternatives: int,
    peer_sd: str | None,
    peer_trend: str | None,
    against: str,
    margin: str | None,
    output: Path | None,
    force: bool,
    as_json: bool,
    set_paths: tuple[Path, ...],
    export: Path | None,
    lang: str,
) -> None:
    """The cheapest improvements to a rank.

    ASSESSMENT is one unit's file, or a folder: then every unit in it gets its own plan against
    the others (to --target-rank, --target-band, within --budget, or one rank up).
    """
    from cchc_score.app.inputs import read_paths
    from cchc_score.app.simulation import improved_text, run_simulation
    from cchc_score.render.simulate import each_table, simulation_report

    objective = objective_of(target_rank, target_band, budget, against, margin)
    check_export(export, json=as_json)
    sd = decimal_option(peer_sd, "--peer-sd")
    if sd is not None and sd < 0:
        raise click.BadParameter(
            msg("{value!r} is negative", value=peer_sd), param_hint="--peer-sd"
        )
    as_xlsx = output is not None and output.suffix.lower() == ".xlsx"
    if assessment.is_dir():
        one_unit = {
            "--peers": peers_path is not None,
            "--alternatives": _given("alternatives"),
            "--peer-sd": peer_sd is not None,
            "--peer-trend": peer_trend is not None,
            "--against": _given("against"),
            "--margin": margin is not None,
            "-o": output is not None and not as_xlsx,  # a workbook holds every unit's plan
            "--force": force and export is None and not as_xlsx,  # replaces those files
        }
        given = [name for name, used in one_unit.items() if used]
        if given:
            raise click.UsageError(
                msg(
                    "{options}: only for one unit's file (a folder plans each unit against the"
                    " others in it)",
                    options=", ".join(given),
                )
            )
        from cchc_score.app.simulation_each import each_json, run_each

        if as_xlsx:
            read = [assessment, *([costs_path] if costs_path else []), *set_paths]
            check_target(output, read_paths(read), force)

        shown = sys.stderr.isatty()
        with (
            ProgressBar(t("reading and scoring", lang), shown) as reading,
            ProgressBar(t("planning each unit", lang), shown) as planning,
        ):
            plans, unit_vi, unit_en = run_each(
                context(set_paths),
                assessment,
                costs_path,
                objective=objective,
                on_skip=report_skip,
                on_reading=reading,
                on_planning=planning,
            )
        unit = unit_vi if lang == "vi" else unit_en
        if as_xlsx and output is not None:
            from cchc_score.app.spreadsheets import write_each

            write_each(plans, unit, output, lang, overwrite=force)
        if as_json:
            click.echo(each_json(plans))
            return
        title = t("Each unit's plan", lang)

        page = lazy_page("each_page", plans, unit, lang_of(lang))
        show(each_table(plans, unit, lang_of(lang)), export, title=title, lang=lang, page=page)
        return
    if peers_path is None:
        raise click.UsageError(msg("give --peers (a folder of assessments or a totals table)"))
    if output is not None:
        if output.suffix.lower() not in {".yaml", ".yml", ".json", ".xlsx"}:
            raise click.BadParameter(
                msg("{file!r}: name a .yaml, .json or .xlsx file", file=str(output)),
                param_hint="-o",
            )
        if objective is None and not as_xlsx:
            raise click.UsageError(
                msg("-o writes the plan: give --target-rank, --target-band or --budget")
            )
        read = [assessment, peers_path, *([costs_path] if costs_path else []), *set_paths]
        check_target(output, read_paths(read), force, export)
    ctx = context(set_paths)
    sim = run_simulation(
        ctx,
        assessment,
        peers_path,
        costs_path,
        objective=objective,
        alternatives=alternatives,
        peer_sd=sd,
        peer_trend=decimal_option(peer_trend, "--peer-trend"),
        on_skip=report_skip,
    )
    if output is not None and as_xlsx:
        from cchc_score.app.spreadsheets import write_simulation

        write_simulation(sim, output, lang, overwrite=force)
    elif output is not None:
        text = improved_text(ctx, assessment, sim, output.suffix)
        if text is None:
            click.echo(f"{output}: {t('not written, no plan', lang)}", err=True)
        else:
            from cchc_score.writing import write_text

            write_text(output, text, overwrite=force)
    if as_json:
        click.echo(sim.model_dump_json(indent=2))
        return
    title = f"{sim.unit} {sim.year} — " + t("what-if plan", lang)

    page = lazy_page("simulation_page", sim, lang_of(lang))
    show(simulation_report(sim, lang_of(lang)), export, title=title, lang=lang, page=page)
