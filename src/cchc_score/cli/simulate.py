"""simulate: the cheapest improvements that raise a unit's rank."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click
import yaml
from click.core import ParameterSource

from cchc_score.decimal_utils import check_magnitude
from cchc_score.errors import CchcScoreError, InputFileError
from cchc_score.examples import examples_dir
from cchc_score.i18n import Lang
from cchc_score.loading import DATA_SUFFIXES, assessment_files
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry
from cchc_score.plugins import Registry
from cchc_score.render.simulate import each_table, odds_table, plan_table, simulation_report
from cchc_score.simulate import (
    Budget,
    CostTable,
    CostTableError,
    Forecast,
    Objective,
    Simulation,
    TargetBand,
    TargetRank,
    load_costs,
    load_peer_table,
    pack_costs,
    simulate,
)
from cchc_score.simulate.inputs import is_cost_table
from cchc_score.simulate.options import apply_plan
from cchc_score.writing import write_text

from .app import console, lang_of, lang_option, main, registry, set_option
from .core import resolve_set, run_score, score_file
from .export import check_export, export_option, show
from .inputs import collect
from .rank import check_target, force_option, read_paths


def decimal_option(value: str | None, name: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise click.BadParameter(f"{value!r} is not a number", param_hint=name) from None
    # Bounded as numbers in input files are, so the planner's arithmetic cannot overflow.
    why = check_magnitude(number)
    if why is not None:
        raise click.BadParameter(f"{value!r} {why}", param_hint=name)
    return number


def peers_from_folder(
    reg: Registry, folder: Path, own_file: Path, set_paths: tuple[Path, ...] = ()
) -> list[Entry]:
    """Score every assessment in ``folder`` but the unit's own file (in worker processes when
    there are many, with a progress bar); a bad file is named and skipped, as ``rank`` does,
    and a cost table kept beside them is passed over quietly."""
    own = own_file.resolve()
    files = [f for f in assessment_files([folder]) if not is_cost_table(f)]
    got = collect(reg, files, set_paths=set_paths)
    return [e for e in got.entries if e.source is None or Path(e.source).resolve() != own]


def load_peers(
    reg: Registry,
    path: Path,
    own_file: Path,
    own: AssessmentFile,
    cset: CriteriaSet,
    set_paths: tuple[Path, ...] = (),
) -> tuple[list[Entry], dict[str, Forecast]]:
    forecasts: dict[str, Forecast] = {}
    if path.is_dir():
        entries = peers_from_folder(reg, path, own_file, set_paths)
    elif not path.exists():
        raise InputFileError("file or folder not found", file=str(path))
    elif path.suffix.lower() == ".csv" or _is_table(path):
        entries, forecasts = load_peer_table(
            path, cset, own.block, own.year, resolve=lambda i, v: resolve_set(reg, i, v)
        )
    else:  # one other unit's assessment
        peer_set, doc = score_file(reg, path)
        entries = [Entry.from_result(run_score(reg, peer_set, doc, path), source=str(path))]
    kept = [e for e in entries if e.block == own.block and e.year == own.year]
    if not kept:
        raise InputFileError(
            f"no peer of block {own.block!r} in {own.year} found", file=str(path), place="peers"
        )
    return kept, forecasts


def _is_table(path: Path) -> bool:
    from cchc_score.loading import read_document

    if path.suffix.lower() not in DATA_SUFFIXES:
        return False
    data = read_document(path).data
    return isinstance(data, list) or (isinstance(data, dict) and "peers" in data)


def run_simulation(
    reg: Registry,
    file: Path,
    peers_path: Path,
    costs_path: Path | None,
    *,
    objective: Objective | None = None,
    alternatives: int = 0,
    peer_sd: Decimal | None = None,
    peer_trend: Decimal | None = None,
    set_paths: tuple[Path, ...] = (),
) -> Simulation:
    cset, doc = score_file(reg, file)
    run_score(reg, cset, doc, file)  # a bad assessment fails here, naming its file and line
    peers, forecasts = load_peers(reg, peers_path, file, doc, cset, set_paths)
    costs: CostTable | None = None
    source = costs_path or pack_costs(_set_source(reg, cset))
    if source is not None:
        try:
            costs = load_costs(source)
            costs.check_against(cset)
        except CchcScoreError as exc:
            raise exc.located(file=str(source)) from None
    default = Forecast(expected_change=peer_trend or Decimal(0), sd=peer_sd or Decimal(0))
    if peer_sd is not None or peer_trend is not None:
        forecasts = {
            k: Forecast(
                expected_change=f.expected_change if peer_trend is None else peer_trend,
                sd=f.sd if peer_sd is None else peer_sd,
            )
            for k, f in forecasts.items()
        }
    try:
        return simulate(
            cset,
            doc.submission,
            peers=peers,
            costs=costs,
            objective=objective,
            alternatives=alternatives,
            forecasts=forecasts,
            default_forecast=default,
        )
    except CostTableError as exc:  # an outcome priced that this unit cannot reach
        raise exc.located(file=str(source)) from None


def write_improved(reg: Registry, file: Path, sim: Simulation, output: Path) -> None:
    """Write the unit's assessment with the plan applied to ``output`` (atomically); without a
    plan, write nothing and say so on stderr."""
    if sim.plan is None:
        click.echo(f"{output}: không ghi, không có phương án / not written, no plan", err=True)
        return
    cset, doc = score_file(reg, file)
    improved = apply_plan(cset, doc, sim.plan)
    if output.suffix.lower() == ".json":
        data = improved.model_dump(mode="json", exclude_none=True)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        data = improved.model_dump(exclude_none=True)
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    write_text(output, text)


class _Dumper(yaml.SafeDumper):
    """YAML with points and percentages as exact numbers (read back as Decimal), no aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")


_Dumper.add_representer(Decimal, _decimal)


def objective_of(
    target_rank: int | None,
    target_band: str | None,
    budget: str | None,
    against: str,
    margin: str | None,
) -> Objective | None:
    """The objective the options ask for (None: no plan); a usage error for two objectives,
    or for --against expected / --margin without --target-rank."""
    chosen = [x for x in (target_rank, target_band, budget) if x is not None]
    if len(chosen) > 1:
        raise click.UsageError("give one of --target-rank, --target-band, --budget")
    safety = decimal_option(margin, "--margin") or Decimal(0)
    if safety < 0:
        raise click.BadParameter(f"{margin!r} is negative", param_hint="--margin")
    if target_rank is not None:
        expected = against == "expected"
        return TargetRank(target_rank, margin=safety, against="expected" if expected else "current")
    if against != "current" or safety:
        raise click.UsageError("--against expected and --margin need --target-rank")
    if target_band is not None:
        return TargetBand(target_band)
    amount = decimal_option(budget, "--budget")
    return Budget(amount) if amount is not None else None


def _given(name: str) -> bool:
    """Whether the option ``name`` was given on the command line (not left at its default)."""
    source = click.get_current_context().get_parameter_source(name)
    return source is not None and source is not ParameterSource.DEFAULT


def _set_source(reg: Registry, cset: CriteriaSet) -> str | None:
    found = reg.sets.get((cset.id, cset.version))
    return found.source if found is not None else None


@main.command("simulate")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option(
    "--peers",
    "peers_path",
    type=click.Path(path_type=Path),
    help="Thư mục bản tự đánh giá hoặc bảng tổng điểm / folder of assessments or totals table"
    " (not needed when ASSESSMENT is a folder: each unit is planned against the others).",
)
@click.option(
    "--costs",
    "costs_path",
    type=click.Path(path_type=Path),
    help="Bảng chi phí / cost table (YAML, JSON, CSV); tiêu chí không có giá thì giữ nguyên, trừ"
    " khi bảng đặt default / leaves it does not price stay fixed unless it sets a default.",
)
@click.option("--target-rank", type=click.IntRange(min=1), help="Hạng mục tiêu / target rank.")
@click.option("--target-band", help="Xếp loại mục tiêu / target band code.")
@click.option("--budget", help="Ngân sách / budget, in the cost table's unit.")
@click.option(
    "--alternatives",
    type=click.IntRange(min=0, max=20),
    default=2,
    show_default=True,
    help="Số phương án khác / how many alternative plans.",
)
@click.option("--peer-sd", help="Độ lệch chuẩn chỉ số đơn vị khác / peers' index spread (odds).")
@click.option("--peer-trend", help="Thay đổi dự kiến của đơn vị khác / peers' expected change.")
@click.option(
    "--against",
    type=click.Choice(["current", "expected"]),
    default="current",
    show_default=True,
    help="Lập phương án so với chỉ số hiện tại hay dự kiến (cộng mức thay đổi dự kiến) của đơn vị"
    " khác / plan the target rank against the peers' current or expected indexes.",
)
@click.option(
    "--margin",
    help="Khoảng an toàn: đạt hạng mục tiêu kể cả khi mỗi đơn vị khác tăng thêm M điểm chỉ số /"
    " safety margin: reach the target rank even if every peer gains M more index points.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Ghi bản tự đánh giá đã áp dụng phương án (YAML hoặc JSON) / write the assessment with"
    " the plan applied (YAML or JSON), to score it.",
)
@force_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON / print as JSON.")
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
    """Cải thiện nào, chi phí bao nhiêu để lên hạng / the cheapest improvements to a rank.

    ASSESSMENT is one unit's file, or a folder: then every unit in it gets its own plan against
    the others (to --target-rank, --target-band, within --budget, or one rank up).
    """
    objective = objective_of(target_rank, target_band, budget, against, margin)
    check_export(export, json=as_json)
    sd = decimal_option(peer_sd, "--peer-sd")
    if sd is not None and sd < 0:
        raise click.BadParameter(f"{peer_sd!r} is negative", param_hint="--peer-sd")
    if assessment.is_dir():
        one_unit = {
            "--peers": peers_path is not None,
            "--alternatives": _given("alternatives"),
            "--peer-sd": peer_sd is not None,
            "--peer-trend": peer_trend is not None,
            "--against": _given("against"),
            "--margin": margin is not None,
            "-o": output is not None,
            "--force": force and export is None,  # with --export, it replaces the export
        }
        given = [name for name, used in one_unit.items() if used]
        if given:
            raise click.UsageError(
                f"{', '.join(given)}: only for one unit's file (a folder plans each unit"
                " against the others in it)"
            )
        from .simulate_each import each_json, run_each

        plans, unit_vi, unit_en = run_each(
            registry(set_paths),
            assessment,
            costs_path,
            objective=objective,
        )
        if as_json:
            click.echo(each_json(plans))
            return
        unit = unit_vi if lang == "vi" else unit_en
        title = "Phương án từng đơn vị" if lang == "vi" else "Each unit's plan"
        show(each_table(plans, unit, lang_of(lang)), export, title=title, lang=lang)
        return
    if peers_path is None:
        raise click.UsageError("give --peers (a folder of assessments or a totals table)")
    if output is not None:
        if output.suffix.lower() not in {".yaml", ".yml", ".json"}:
            raise click.BadParameter(
                f"{str(output)!r}: name a .yaml or .json file", param_hint="-o"
            )
        if objective is None:
            raise click.UsageError(
                "-o writes the plan: give --target-rank, --target-band or --budget"
            )
        read = [assessment, peers_path, *([costs_path] if costs_path else []), *set_paths]
        check_target(output, read_paths(read), force)
    sim = run_simulation(
        registry(set_paths),
        assessment,
        peers_path,
        costs_path,
        objective=objective,
        alternatives=alternatives,
        peer_sd=sd,
        peer_trend=decimal_option(peer_trend, "--peer-trend"),
        set_paths=set_paths,
    )
    if output is not None:
        write_improved(registry(set_paths), assessment, sim, output)
    if as_json:
        click.echo(sim.model_dump_json(indent=2))
        return
    title = f"{sim.unit} {sim.year} — " + ("mô phỏng cải thiện" if lang == "vi" else "what-if plan")
    show(simulation_report(sim, lang_of(lang)), export, title=title, lang=lang)


#: The spread assumed for the other districts' next index in the demo (index points).
DEMO_PEER_SD = Decimal("1.5")


def demo_simulation() -> Simulation | None:
    """Di Linh 2021 (8th of 12): the cheapest plan back to 3rd, with its odds; None when the
    Di Linh example is not installed."""
    base = examples_dir() / "di_linh"
    file = base / "2021" / "di_linh.yaml"
    if not file.is_file():
        return None
    return run_simulation(
        registry(),
        file,
        file.parent,
        base / "costs.yaml",
        objective=TargetRank(3),
        peer_sd=DEMO_PEER_SD,
    )


def print_demo_plan(lang: Lang) -> None:
    """The simulator's part of ``cchc-score demo``."""
    sim = demo_simulation()
    if sim is None or sim.plan is None:
        return
    out = console()
    title = (
        f"{sim.unit} {sim.year}: hạng {sim.rank} → {sim.plan.new_rank}, phương án rẻ nhất"
        if lang == "vi"
        else f"{sim.unit} {sim.year}: rank {sim.rank} → {sim.plan.new_rank}, the cheapest plan"
    )
    out.print(plan_table(sim.plan, sim, lang, title=title))
    if sim.odds is not None:
        out.print(odds_table(sim, lang))
