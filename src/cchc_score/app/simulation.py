"""Assembling a simulation from files: the unit's file, its peers (folders, tables, other
units' files: :mod:`.peers`), the cost table (given, or the one shipped beside the pack), then
the simulator."""

from __future__ import annotations

from decimal import Decimal
from os import PathLike
from pathlib import Path

from cchc_score.errors import CchcScoreError
from cchc_score.examples import examples_dir
from cchc_score.formats import jsonfile, yamlfile
from cchc_score.model.criteria import CriteriaSet
from cchc_score.simulate import (
    CostTable,
    CostTableError,
    Forecast,
    Objective,
    Simulation,
    TargetRank,
    load_costs,
    pack_costs,
    simulate,
)
from cchc_score.simulate.options import apply_plan

from .context import Context
from .inputs import OnSkip
from .peers import PeerPaths, load_peers
from .scoring import read_submission, score_submission

#: The spread assumed for the other districts' next index in the demo (index points).
DEMO_PEER_SD = Decimal("1.5")


def set_source(ctx: Context, cset: CriteriaSet) -> str | None:
    """The file the set was loaded from, if any (a pack may ship its costs beside it)."""
    found = ctx.registry.sets.get((cset.id, cset.version))
    return found.source if found is not None else None


def run_simulation(
    ctx: Context,
    file: str | PathLike[str],
    peers_path: PeerPaths,
    costs_path: str | PathLike[str] | None,
    *,
    objective: Objective | None = None,
    alternatives: int = 0,
    peer_sd: Decimal | None = None,
    peer_trend: Decimal | None = None,
    on_skip: OnSkip | None = None,
    peers_year: int | None = None,
) -> Simulation:
    """Plan one unit's file against its peers, with the cost table given or shipped.

    Args:
        peers_path: folders of assessments, totals tables or other units' files (one path or
            several).
        peers_year: the year of the peers' results when it is not the unit's: a draft
            self-assessment planned against last year's results (``Simulation.peers_year``).
    """
    file = Path(file)
    costs_path = Path(costs_path) if costs_path is not None else None
    cset, doc = read_submission(ctx, file)
    score_submission(cset, doc, file)  # a bad assessment fails here, naming its line
    peers, forecasts = load_peers(ctx, peers_path, file, doc, cset, on_skip, peers_year=peers_year)
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
