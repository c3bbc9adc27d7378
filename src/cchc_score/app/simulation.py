"""Assembling a simulation from files: the unit's file, its peers (a folder, a table, another
unit's file), the cost table (given, or the one shipped beside the pack), then the simulator."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cchc_score.errors import CchcScoreError, InputFileError, msg
from cchc_score.examples import examples_dir
from cchc_score.formats import jsonfile, yamlfile
from cchc_score.loading import DATA_SUFFIXES, assessment_files, read_document
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry
from cchc_score.simulate import (
    CostTable,
    CostTableError,
    Forecast,
    Objective,
    Simulation,
    TargetRank,
    load_costs,
    load_peer_table,
    pack_costs,
    simulate,
)
from cchc_score.simulate.inputs import is_cost_table
from cchc_score.simulate.options import apply_plan

from .context import Context
from .inputs import OnSkip, collect
from .scoring import read_submission, score_path, score_submission

#: The spread assumed for the other districts' next index in the demo (index points).
DEMO_PEER_SD = Decimal("1.5")


def peers_from_folder(
    ctx: Context, folder: Path, own_file: Path, on_skip: OnSkip | None = None
) -> list[Entry]:
    """Score every assessment in ``folder`` but the unit's own file; a bad file is named and
    skipped, as ``rank`` does, and a cost table kept beside them is passed over quietly."""
    own = own_file.resolve()
    files = [f for f in assessment_files([folder]) if not is_cost_table(f)]
    got = collect(ctx, files, on_skip=on_skip)
    return [e for e in got.entries if e.source is None or Path(e.source).resolve() != own]


def load_peers(
    ctx: Context,
    path: Path,
    own_file: Path,
    own: AssessmentFile,
    cset: CriteriaSet,
    on_skip: OnSkip | None = None,
) -> tuple[list[Entry], dict[str, Forecast]]:
    """The unit's peers of its block and year, and their forecasts when a table gives them."""
    forecasts: dict[str, Forecast] = {}
    if path.is_dir():
        entries = peers_from_folder(ctx, path, own_file, on_skip)
    elif not path.exists():
        raise InputFileError(msg("file or folder not found"), file=str(path))
    elif path.suffix.lower() == ".csv" or _is_table(path):
        entries, forecasts = load_peer_table(
            path, cset, own.block, own.year, resolve=ctx.resolve_set
        )
    else:  # one other unit's assessment
        entries = [Entry.from_result(score_path(ctx, path).result, source=str(path))]
    kept = [e for e in entries if e.block == own.block and e.year == own.year]
    if not kept:
        raise InputFileError(
            msg("no peer of block {block!r} in {year} found", block=own.block, year=own.year),
            file=str(path),
            place="peers",
        )
    return kept, forecasts


def _is_table(path: Path) -> bool:
    if path.suffix.lower() not in DATA_SUFFIXES:
        return False
    data = read_document(path).data
    return isinstance(data, list) or (isinstance(data, dict) and "peers" in data)


def set_source(ctx: Context, cset: CriteriaSet) -> str | None:
    """The file the set was loaded from, if any (a pack may ship its costs beside it)."""
    found = ctx.registry.sets.get((cset.id, cset.version))
    return found.source if found is not None else None


def run_simulation(
    ctx: Context,
    file: Path,
    peers_path: Path,
    costs_path: Path | None,
    *,
    objective: Objective | None = None,
    alternatives: int = 0,
    peer_sd: Decimal | None = None,
    peer_trend: Decimal | None = None,
    on_skip: OnSkip | None = None,
) -> Simulation:
    """Plan one unit's file against its peers, with the cost table given or shipped."""
    cset, doc = read_submission(ctx, file)
    score_submission(cset, doc, file)  # a bad assessment fails here, naming its line
    peers, forecasts = load_peers(ctx, peers_path, file, doc, cset, on_skip)
    costs: CostTable | None = None
    source = costs_path or pack_costs(set_source(ctx, cset))
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


def improved_text(ctx: Context, file: Path, sim: Simulation, suffix: str) -> str | None:
    """The unit's assessment with the plan applied, as YAML or JSON (by ``suffix``); None
    without a plan."""
    if sim.plan is None:
        return None
    cset, doc = read_submission(ctx, file)
    improved = apply_plan(cset, doc, sim.plan)
    if suffix.lower() == ".json":
        data = improved.model_dump(mode="json", exclude_none=True)
        return jsonfile.dumps(data) + "\n"
    data = improved.model_dump(exclude_none=True)
    return yamlfile.dump(data, aliases=False)


def demo_simulation(ctx: Context) -> Simulation | None:
    """Di Linh 2021 (8th of 12): the cheapest plan back to 3rd, with its odds; None when the
    Di Linh example is not installed."""
    base = examples_dir() / "di_linh"
    file = base / "2021" / "di_linh.yaml"
    if not file.is_file():
        return None
    return run_simulation(
        ctx, file, file.parent, base / "costs.yaml", objective=TargetRank(3), peer_sd=DEMO_PEER_SD
    )
