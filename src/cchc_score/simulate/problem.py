"""A unit's what-if problem, prepared once: the plain functions of ``plans`` and ``questions``
answer every question about it.

``prepare`` scores the unit as it stands, places it among its peers (``standing``), builds each
leaf's priced options (``options``) and the space the exact search runs over
(``optimise.search``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from cchc_score.engine import score
from cchc_score.model.criteria import CriteriaSet, TiePolicy
from cchc_score.model.evidence import Assessment, Submission
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result
from cchc_score.ranking import check_one_set

from .costs import CostTable
from .models import PlanStep
from .odds import Forecast
from .optimise.search import SearchSpace
from .options import LeafState, Option, leaf_states
from .standing import Standings
from .tally import EngineTally, Tally


@dataclass(frozen=True, eq=False)
class Problem:
    """One unit, its peers, their forecasts and the unit's costs, ready for planning.

    Build it with ``prepare``. Its parts: ``result`` (the unit scored as it stands),
    ``standings`` (the peers under the tie policy) and ``rank_now``, ``leaves`` (each leaf's
    current points and priced options), ``space`` (what the exact search runs over).
    """

    cset: CriteriaSet
    submission: Submission
    result: Result
    costs: CostTable
    standings: Standings
    rank_now: int
    leaves: Mapping[str, LeafState]
    space: SearchSpace
    forecasts: Mapping[str, Forecast] = field(default_factory=dict)
    default_forecast: Forecast = field(default_factory=Forecast)

    @property
    def current(self) -> dict[str, Decimal]:
        """Each leaf's points as it stands."""
        return self.space.current

    @property
    def sources(self) -> dict[str, str]:
        """Each leaf's source: ``appraisal`` or ``survey``."""
        return {k: s.source for k, s in self.leaves.items()}

    @property
    def tally(self) -> Tally:
        """The planner's points of every node, to total a plan step by step."""
        return self.space.tally

    @cached_property
    def engine_tally(self) -> EngineTally:
        """The engine's figures of the unit, to re-score a plan where it changes."""
        return EngineTally(self.cset, self.result)

    @cached_property
    def step_templates(self) -> dict[int, tuple[Option, PlanStep]]:
        """Plan steps already built, by option (``rescore``)."""
        return {}

    def forecast(self, peer: Entry) -> Forecast:
        """How a peer's index may move: its own forecast (by unit id, else name), or the
        default."""
        return self.forecasts.get(peer.identity, self.default_forecast)


def prepare(
    cset: CriteriaSet,
    submission: Submission | Assessment,
    *,
    peers: Sequence[Entry | Result] = (),
    costs: CostTable | None = None,
    tie_policy: TiePolicy | None = None,
    forecasts: Mapping[str, Forecast] | None = None,
    default_forecast: Forecast | None = None,
    max_states: int = 64,
    result: Result | None = None,
) -> Problem:
    """Prepare one unit's problem.

    Args:
        cset: the criteria set (with its rules).
        submission: the unit's submission, as ``score`` takes it.
        peers: the other units of the block, as scored results or ranking entries (rows of a
            published table); the unit itself is skipped if present.
        costs: the cost table (default: 1 per point gained; survey and bonus leaves fixed).
        tie_policy: overrides the set's tie policy.
        forecasts: per peer (unit id, else name) the expected change and spread of its index;
            ``default_forecast`` for peers not named (default: no change, no spread).
        max_states: most prerequisite combinations solved exactly.
        result: the engine's score of ``submission`` under ``cset``, when the caller has it
            (a league table scores every unit first); by default the unit is scored here.

    Raises CostTableError when the cost table does not fit the set, and the engine's errors
    when the submission does not.
    """
    given = Submission.of(submission)
    table = costs if costs is not None else CostTable()
    table.check_against(cset)
    result = result if result is not None else score(cset, given)
    me = Entry.from_result(result)
    entries = [p if isinstance(p, Entry) else Entry.from_result(p) for p in peers]
    # The unit is not its own peer: by id, or by name in a table that gives no ids.
    others = [
        p
        for p in entries
        if p.identity != me.identity and not (p.unit_id is None and p.unit == me.unit)
    ]
    # Points under another set (or version) stand on another scale: refused, as ranking does.
    check_one_set(me.block, me.year, [me, *others])
    standings = Standings(cset, others, tie_policy)
    leaves = leaf_states(cset, result, given.assessment, given.survey, table)
    return Problem(
        cset=cset,
        submission=given,
        result=result,
        costs=table,
        standings=standings,
        rank_now=standings.rank_of(result),
        leaves=leaves,
        space=SearchSpace(cset, leaves, result.unrounded_total, max_states),
        forecasts=dict(forecasts or {}),
        default_forecast=default_forecast or Forecast(),
    )
