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
    AGAINST,
    ProgressBar,
    check_target,
    context,
    deprecated,
    lang_of,
    lang_option,
    report_skip,
    set_option,
    worded_choice,
)

#: ``--peers`` given alone: the other files in the unit's folder.
SIBLINGS = "<the folder of ASSESSMENT>"


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


def improved_target(output: Path | None, improved: Path | None) -> Path | None:
    """The file for the improved assessment: ``--improved``, or (deprecated, for this release)
    ``-o FILE.yaml`` / ``-o FILE.json``, said so on stderr."""
    if output is None or output.suffix.lower() not in {".yaml", ".yml", ".json"}:
        return improved
    if improved is not None:
        raise click.UsageError(msg("give the improved assessment once: --improved FILE"))
    deprecated(f"-o {output}", f"--improved {output}")
    return output


def _given(name: str) -> bool:
    """Whether the option ``name`` was given on the command line (not left at its default)."""
    source = click.get_current_context().get_parameter_source(name)
    return source is not None and source is not ParameterSource.DEFAULT


@click.command("simulate")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option(
    "--peers",
    "peers_paths",
    multiple=True,
    is_flag=False,
    flag_value=SIBLINGS,
    type=click.Path(path_type=Path),
    help=(
        "The other units: folders of assessments, totals tables (CSV, YAML), other units' "
        "files; repeat for more. Alone, without a value: the other files in ASSESSMENT's "
        "folder. Not needed when ASSESSMENT is a folder: each unit is planned against the "
        "others."
    ),
)
@click.option(
    "--peers-year",
    type=click.IntRange(2000, 2100),
    default=None,
    help=(
        "The year of the other units' results when it is not ASSESSMENT's: plan this year's "
        "draft against last year's results (the report says so)."
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
@click.option("--target-band", help="Target band: its label (Tốt, tot, TỐT) or code.")
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
    type=worded_choice(AGAINST),
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
        "Write the simulation to a file: .xlsx a workbook (summary, plan, cost of each rank, "
        "opportunities, alternatives and odds; for a folder: every unit's plan and its "
        "steps). (.yaml and .json still write the improved assessment, deprecated: use "
        "--improved.)"
    ),
)
@click.option(
    "--improved",
    type=click.Path(path_type=Path),
    help="Write the assessment with the plan applied (.yaml, .json), to score it.",
)
@force_option
@click.option(
    "--all", "show_all", is_flag=True, help="List every single improvement (default: the first 15)."
)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@set_option
@export_option
@lang_option
def simulate_cmd(
    assessment: Path,
    peers_paths: tuple[Path, ...],
    peers_year: int | None,
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
    improved: Path | None,
    force: bool,
    show_all: bool,
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
    from cchc_score.render.simulate import LIMIT, each_table, simulation_report

    objective = objective_of(target_rank, target_band, budget, against, margin)
    check_export(export, json=as_json)
    sd = decimal_option(peer_sd, "--peer-sd")
    if sd is not None and sd < 0:
        raise click.BadParameter(
            msg("{value!r} is negative", value=peer_sd), param_hint="--peer-sd"
        )
    as_xlsx = output is not None and output.suffix.lower() == ".xlsx"
    improved = improved_target(output, improved)
    if improved is not None:
        output = None
    if assessment.is_dir():
        one_unit = {
            "--peers": bool(peers_paths),
            "--peers-year": peers_year is not None,
            "--improved": improved is not None,
            "--alternatives": _given("alternatives"),
            "--peer-sd": peer_sd is not None,
            "--peer-trend": peer_trend is not None,
            "--against": _given("against"),
            "--margin": margin is not None,
            "--all": show_all,
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
    if not peers_paths:
        raise click.UsageError(msg("give --peers (a folder of assessments or a totals table)"))
    peers = [assessment.parent if p == Path(SIBLINGS) else p for p in peers_paths]
    if output is not None and not as_xlsx:
        raise click.BadParameter(
            msg("{file!r}: name an .xlsx file", file=str(output)), param_hint="-o"
        )
    if improved is not None and improved.suffix.lower() not in {".yaml", ".yml", ".json"}:
        raise click.BadParameter(
            msg("{file!r}: name a .yaml or .json file", file=str(improved)),
            param_hint="--improved",
        )
    if improved is not None and objective is None:
        raise click.UsageError(
            msg("--improved writes the plan: give --target-rank, --target-band or --budget")
        )
    for target in (output, improved):
        if target is not None:
            read = [assessment, *peers, *([costs_path] if costs_path else []), *set_paths]
            check_target(target, read_paths(read), force, export)
    ctx = context(set_paths)
    sim = run_simulation(
        ctx,
        assessment,
        peers,
        costs_path,
        objective=objective,
        alternatives=alternatives,
        peer_sd=sd,
        peer_trend=decimal_option(peer_trend, "--peer-trend"),
        on_skip=report_skip,
        peers_year=peers_year,
    )
    if output is not None:
        from cchc_score.app.spreadsheets import write_simulation

        write_simulation(sim, output, lang, overwrite=force)
    if improved is not None:
        text = improved_text(ctx, assessment, sim, improved.suffix)
        if text is None:
            click.echo(f"{improved}: {t('not written, no plan', lang)}", err=True)
        else:
            from cchc_score.writing import write_text

            write_text(improved, text, overwrite=force)
    if as_json:
        click.echo(sim.model_dump_json(indent=2))
        return
    title = f"{sim.unit} {sim.year} — " + t("what-if plan", lang)

    limit = None if show_all else LIMIT
    page = lazy_page("simulation_page", sim, lang_of(lang), limit)
    report = simulation_report(sim, lang_of(lang), limit)
    show(report, export, title=title, lang=lang, page=page)
