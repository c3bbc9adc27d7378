"""The what-if simulator: which improvements, at what cost, raise a unit's rank — exactly.

Everything can be built in code, without files::

    from decimal import Decimal
    from cchc_score import Assessment, CriteriaSet, LeafEvidence, Submission
    from cchc_score.model.ranking import Entry
    from cchc_score.simulate import (
        CostTable, Forecast, LeafCost, OutcomeCost, TargetRank, simulate,
    )

    cset = CriteriaSet.model_validate({...})              # or load_criteria_set(path)
    unit = Assessment(unit="Di Linh", block="district", year=2021,
                      criteria_set=cset.id, leaves={"1.1.1": LeafEvidence(value="late")})
    peers = [Entry(unit="Bảo Lộc", block="district", year=2021, index=Decimal("86.1"),
                   total=Decimal("86.1"), total_max=Decimal(100))]   # or Entry.from_result(...)
    costs = CostTable(unit_en="working days", unit_vi="ngày công", leaves={
        "1.1.1": LeafCost(outcomes=(OutcomeCost(to="on_time", cost=Decimal(3)),)),
        "2.1": LeafCost(fixed=Decimal(5), per_point=Decimal(2), requires=("1.1.1",)),
    })
    sim = simulate(cset, Submission(assessment=unit), peers=peers, costs=costs,
                   objective=TargetRank(3), alternatives=2,
                   default_forecast=Forecast(sd=Decimal("1.5")))
    sim.plan.steps, sim.plan.total_cost, sim.plan.new_rank, sim.plan.proven_optimal
    sim.frontier          # least cost of every reachable rank
    sim.odds.plans        # P(rank ≤ 3) with each plan when peers move
    sim.model_dump_json() # the same for other programs

An objective is a type, checked where it is built: ``TargetRank(rank, margin=0,
against="current")`` (a margin, or ``against="expected"``, asks for a safer plan),
``TargetBand(band)`` or ``Budget(amount)``.

For finer control, prepare the problem once and ask it questions with plain functions::

    problem = prepare(cset, unit, peers=peers, costs=costs)
    plan_for(problem, TargetRank(3)), plan_for(problem, Budget(Decimal(20)))
    frontier(problem), opportunities(problem), alternatives(problem, found, 2)
    rank_odds(problem, 3, found)

The modules, in the order the data flows:

- ``objectives``: ``TargetRank``, ``TargetBand``, ``Budget``; ``SimulationError``.
- ``costs``: the cost table (per outcome, per point, defaults, locks, maximum reachable points,
  prerequisites); ``inputs`` reads it from YAML/JSON/CSV, and a pack may ship ``costs.yaml``
  beside its ``pack.yaml``.
- ``options``: each leaf's options from ``Rule.outcomes``; how a change is applied (new evidence
  replaces an appraisal adjustment of that leaf).
- ``standing``: a candidate's rank among peers under the tie policy.
- ``problem``: ``prepare`` builds the ``Problem``: the unit scored, its peers and their
  forecasts, its options, and the search space.
- ``optimise/``: where the optimisation happens. ``dp``, the exact dynamic programme over the
  criteria tree (Pareto frontiers, caps, floors); ``relax``, the linear-programme bound that
  drops partial plans unable to reach a target; ``staircase``, the cheapest-first merge of
  large frontiers; ``search``, prerequisites by enumeration of
  their states and the bounded frontier.
- ``plans``: the cheapest plan for an objective, and alternatives; ``questions``: the frontier,
  opportunities, the best reachable rank; ``rescore``: every plan scored again as the engine
  scores it (every reported total and rank is the engine's); ``tally``: the engine's
  arithmetic redone only above the leaves a plan changes, with each changed leaf scored by its
  rule, which gives the engine's figures exactly at a fraction of a whole scoring.
- ``odds``: exact Poisson-binomial rank odds when peers' next indexes are normal.
- ``simulator``: ``simulate``, all of it in one call; ``batch``: ``plan_each``, every unit of a
  block its own plan against the others (``cchc-score simulate FOLDER``).
- ``models``: the results (``Simulation``, ``Plan``, ``PlanStep``, ``Opportunity``,
  ``FrontierPoint``, ``RankOdds``).

Exactness: a plan marked ``proven_optimal`` costs the least of all plans meeting its objective
(ties broken by fewer changes). The guarantee covers the options the rules offer (``outcomes``
steps, e.g. 1 % for proportional leaves by default) and the costs given; it is withdrawn, with a
note, when prerequisites are too many to enumerate (``max_states``) or when a tie on the index
would be decided by the appraised part (``appraised_first``).
"""

from __future__ import annotations

from .batch import Unit, UnitPlan, plan_each
from .costs import CostTable, CostTableError, LeafCost, OutcomeCost, Requirement
from .inputs import load_costs, load_peer_table, pack_costs
from .models import FrontierPoint, Opportunity, PeerMove, Plan, PlanStep, RankOdds, Simulation
from .objectives import Against, Budget, Objective, SimulationError, TargetBand, TargetRank
from .odds import Forecast, p_rank_at_most, rank_distribution, rank_odds
from .plans import alternatives, plan_for
from .problem import Problem, prepare
from .questions import best_reachable_rank, frontier, opportunities
from .simulator import simulate

__all__ = [
    "Against",
    "Budget",
    "CostTable",
    "CostTableError",
    "Forecast",
    "FrontierPoint",
    "LeafCost",
    "Objective",
    "Opportunity",
    "OutcomeCost",
    "PeerMove",
    "Plan",
    "PlanStep",
    "Problem",
    "RankOdds",
    "Requirement",
    "Simulation",
    "SimulationError",
    "TargetBand",
    "TargetRank",
    "Unit",
    "UnitPlan",
    "alternatives",
    "best_reachable_rank",
    "frontier",
    "load_costs",
    "load_peer_table",
    "opportunities",
    "p_rank_at_most",
    "pack_costs",
    "plan_each",
    "plan_for",
    "prepare",
    "rank_distribution",
    "rank_odds",
    "simulate",
]
