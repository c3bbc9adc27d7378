"""The figures a report of a simulation shows beside the models' own: computed once here, so the
terminal, the HTML page and the workbook print the same numbers.

- Costs are printed with one precision throughout a report (whole units when every cost is
  whole, else two decimals), in the cost table's unit.
- A step's gain is what the total it reports moved by: a leaf's own gain may differ (a capped
  parent absorbs part of it, totals are rounded), and a reader adds up what is printed.
- An alternative is set against the chosen plan by its cost difference, signed: a budget plan
  buys the most points the budget allows, so an alternative to it may cost less.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from cchc_score.decimal_utils import quantize

from .models import Plan, Simulation

#: Decimals of a cost that is not whole, and of the points a report prints.
COST_PLACES = 2
POINT_PLACES = 2


def plans_of(sim: Simulation) -> list[Plan]:
    """The plan, the alternatives and the frontier's plans of a simulation."""
    plans = [sim.plan] if sim.plan is not None else []
    return plans + list(sim.alternatives) + [p.plan for p in sim.frontier]


def cost_places(sim: Simulation) -> int:
    """The decimals every cost of ``sim`` is printed with: 0 when all are whole, else 2."""
    costs: list[Decimal] = [o.cost for o in sim.opportunities]
    for plan in plans_of(sim):
        costs.append(plan.total_cost)
        costs.extend(s.cost for s in plan.steps)
    costs.extend(p.min_cost for p in sim.frontier)
    return places_for(costs)


def places_for(costs: Iterable[Decimal]) -> int:
    """0 when every cost is whole, else ``COST_PLACES``."""
    return 0 if all(c == c.to_integral_value() for c in costs) else COST_PLACES


def step_gains(plan: Plan, places: int = POINT_PLACES) -> list[Decimal]:
    """What each step adds to the total, as the totals are printed (to ``places``): the first
    from the total before the plan, each next from the total after the step before."""
    gains = []
    before = quantize(plan.total_before, places)
    for step in plan.steps:
        after = quantize(step.total_after, places)
        gains.append(after - before)
        before = after
    return gains


def cost_difference(plan: Plan, chosen: Plan | None) -> Decimal:
    """What ``plan`` costs more (positive) or less (negative) than the chosen plan."""
    return plan.total_cost - (chosen.total_cost if chosen is not None else Decimal(0))
