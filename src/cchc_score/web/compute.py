"""The workspace's one door to the engine and the simulator: scoring an edited submission, its
rank and odds among peers, plans, cost tables.

Every direct call into ``cchc_score.engine`` and ``cchc_score.simulate`` from the web package is
here, so that following a change of their API is a change of this module only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError, msg
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result
from cchc_score.rules import Rule
from cchc_score.simulate import (
    Budget,
    CostTable,
    Forecast,
    LeafCost,
    Objective,
    Simulation,
    TargetBand,
    TargetRank,
    load_costs,
    pack_costs,
    simulate,
)
from cchc_score.simulate.cost_rows import COSTS_FILE
from cchc_score.simulate.inputs import is_cost_table as _is_cost_table
from cchc_score.simulate.odds import PeerForecast, p_rank_at_most
from cchc_score.simulate.options import Option, apply_changes
from cchc_score.simulate.standing import Standings

from .leaves import EditError

#: The spread assumed for the other units' next index when the odds are shown (index points).
PEER_SD = Decimal("1.5")


@dataclass(frozen=True)
class Standing:
    """An edited submission scored and placed: result, rank, units, odds of holding the rank."""

    result: Result
    rank: int
    of: int
    odds: float | None
    points: dict[str, Decimal] = field(default_factory=dict)


def rules_of(cset: CriteriaSet) -> dict[str, Rule]:
    """The set's rules (bound when the set was loaded, plug-in kinds included)."""
    return dict(cset.rules)


def score_doc(cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile) -> Result:
    """Score a submission held in memory (an error names the leaf, not a file); ``rules`` are
    the set's own (:func:`rules_of`)."""
    return score(cset, doc.submission)


def apply_edits(
    cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile, edits: Mapping[str, Any]
) -> AssessmentFile:
    """The submission with each edited leaf's new evidence (its appraisal adjustment dropped,
    as the simulator does when it applies a change)."""
    if not edits:
        return doc
    changes = {
        k: Option(k, v, rules[k].score(v), Decimal(0), Decimal(0), "", "") for k, v in edits.items()
    }
    sources = {k: cset.index[k].source for k in edits}
    changed = apply_changes(doc.submission, changes, sources)
    return AssessmentFile.model_validate(
        {
            **changed.assessment.model_dump(),
            "appraisal": changed.appraisal,
            "survey": changed.survey,
        }
    )


def stand(cset: CriteriaSet, result: Result, peers: Sequence[Entry]) -> Standing:
    """Rank a scored submission among its peers; the odds of holding that rank."""
    standings = Standings(cset, peers)
    rank = standings.rank_of(result)
    forecasts = [PeerForecast(index=p.index, sd=PEER_SD) for p in peers]
    odds = p_rank_at_most(result.index, rank, forecasts, cset, standings.policy) if peers else None
    points = {n.id: n.final_points for n in result.walk()}
    return Standing(result, rank, standings.size, odds, points)


def with_locks(costs: CostTable | None, locked: Sequence[str]) -> CostTable | None:
    """The cost table with the leaves the user locked held fixed."""
    if not locked:
        return costs
    table = costs or CostTable()
    leaves = dict(table.leaves)
    for leaf_id in locked:
        entry = leaves.get(leaf_id) or table.default or LeafCost()
        leaves[leaf_id] = entry.model_copy(update={"locked": True})
    return table.model_copy(update={"leaves": leaves})


Goal = Literal["rank", "band", "budget"]


def objective_of(objective: str, target: str) -> dict[str, Any]:
    """The simulator's objective for one typed in a page (decimal commas accepted), as the
    keyword :func:`plan` takes; an EditError names the bad target."""
    text = target.strip()
    try:
        if objective == "rank":
            return {"objective": TargetRank(int(text))}
        if objective == "band":
            return {"objective": TargetBand(text)}
        if objective == "budget":
            budget = Decimal(text.replace(",", "."))
            if budget.is_finite():
                return {"objective": Budget(budget)}
    except (ValueError, InvalidOperation, CchcScoreError):
        pass
    raise EditError(
        msg("{objective}: {text!r} is not a valid target", objective=objective, text=text)
    )


def requested(
    target_rank: int | None, target_band: str | None, budget: Decimal | None
) -> Objective | None:
    """The objective a request names (at most one of the three); None: no plan."""
    given = [x for x in (target_rank, target_band, budget) if x is not None]
    if len(given) > 1:
        raise CchcScoreError(
            msg("give one objective: target_rank, target_band or budget"),
            place="request body",
            code="objective",
        )
    if target_rank is not None:
        return TargetRank(target_rank)
    if target_band is not None:
        return TargetBand(target_band)
    return Budget(budget) if budget is not None else None


def plan(
    cset: CriteriaSet,
    rules: Mapping[str, Rule],
    doc: AssessmentFile,
    peers: Sequence[Entry],
    costs: CostTable | None,
    *,
    objective: Objective | None = None,
    alternatives: int = 0,
) -> Simulation:
    """The proven-optimal plan for the objective given (if any), the opportunities, the
    cost-per-rank frontier and the odds with the peers' indexes spread by ``PEER_SD``."""
    return simulate(
        cset,
        doc.submission,
        peers=list(peers),
        costs=costs,
        objective=objective,
        alternatives=alternatives,
        default_forecast=Forecast(sd=PEER_SD),
    )


def plan_edits(sim: Simulation) -> dict[str, Any]:
    """The plan's changes as editor values (leaf id → evidence value)."""
    if sim.plan is None:
        return {}
    return {s.leaf_id: s.to_evidence for s in sim.plan.steps}


def is_cost_table(path: Path) -> bool:
    """A cost table kept beside the assessments (passed over when a folder is loaded)."""
    return bool(_is_cost_table(path))


def costs_for(
    path: Path | None, roots: Sequence[Path], pack_source: str | None
) -> tuple[CostTable | None, Path | None]:
    """The cost table of a unit: the nearest ``costs.yaml`` from its file's folder up to the
    folder served, else one at the top of a folder served (an uploaded file), else the pack's;
    None: one per point gained."""
    candidates: list[Path] = []
    if path is not None:
        top = next((r for r in roots if r in path.parents), None)
        for folder in path.parents:
            candidates.append(folder / COSTS_FILE)
            if top is None or folder == top:
                break
    else:
        candidates.extend(r / COSTS_FILE for r in roots if r.is_dir())
    found = next((c for c in candidates if c.is_file()), None) or pack_costs(pack_source)
    if found is None:
        return None, None
    return load_costs(found), found


def check_costs(
    costs: CostTable, cset: CriteriaSet, rules: Mapping[str, Rule], source: Path
) -> None:
    """A cost table that does not fit the set is an error naming its file."""
    try:
        costs.check_against(cset)
    except CchcScoreError as exc:
        raise exc.located(file=str(source)) from None
