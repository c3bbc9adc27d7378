"""The simulator used entirely in code: a set, a unit, peers and costs built without files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc_score import Assessment, CriteriaSet, LeafEvidence, Submission
from cchc_score.model.ranking import Entry
from cchc_score.simulate import (
    Budget,
    CostTable,
    Forecast,
    LeafCost,
    OutcomeCost,
    Requirement,
    Simulation,
    SimulationError,
    TargetBand,
    TargetRank,
    alternatives,
    frontier,
    opportunities,
    plan_for,
    prepare,
    rank_odds,
    simulate,
)


def small_set() -> CriteriaSet:
    levels = [
        {"key": "on_time", "points": 2, "label_vi": "Đúng hạn", "label_en": "On time"},
        {"key": "late", "points": 1, "label_vi": "Muộn", "label_en": "Late"},
        {"key": "none", "points": 0, "label_vi": "Không", "label_en": "None"},
    ]
    return CriteriaSet.model_validate(
        {
            "id": "in_code",
            "version": "1",
            "title_vi": "Bộ chỉ số dựng trong mã",
            "title_en": "A set built in code",
            "unit_type": "district",
            "total_max": 10,
            "nodes": [
                {
                    "id": "1",
                    "label_vi": "Chỉ đạo",
                    "label_en": "Direction",
                    "max_points": 4,
                    "children": [
                        {
                            "id": "1.1",
                            "label_vi": "Kế hoạch",
                            "label_en": "Plan",
                            "max_points": 2,
                            "rule": {"kind": "levels", "params": {"levels": levels}},
                        },
                        {
                            "id": "1.2",
                            "label_vi": "Kiểm tra",
                            "label_en": "Inspection",
                            "max_points": 2,
                            "rule": {"kind": "binary"},
                        },
                    ],
                },
                {
                    "id": "2",
                    "label_vi": "Trực tuyến",
                    "label_en": "Online",
                    "max_points": 6,
                    "children": [
                        {
                            "id": "2.1",
                            "label_vi": "Tỷ lệ trực tuyến",
                            "label_en": "Online share",
                            "max_points": 6,
                            "rule": {"kind": "proportional", "params": {"step": 10}},
                        },
                    ],
                },
            ],
        }
    )


def test_a_plan_built_entirely_in_code() -> None:
    """A set, an assessment, peers and a cost table made in code give a proven-optimal plan
    that respects the prerequisite, with odds, and the whole result survives a JSON round trip."""
    cset = small_set()
    unit = Assessment(
        unit="Di Linh",
        block="district",
        year=2021,
        criteria_set="in_code",
        leaves={
            "1.1": LeafEvidence(value="late"),
            "1.2": LeafEvidence(value=False),
            "2.1": LeafEvidence(value=Decimal("20")),
        },
    )
    peers = [
        Entry(
            unit=name,
            block="district",
            year=2021,
            index=Decimal(index),
            total=Decimal(index) / 10,
            total_max=Decimal(10),
        )
        for name, index in [("A", "70"), ("B", "60"), ("C", "45")]
    ]
    costs = CostTable(
        unit_vi="ngày công",
        unit_en="working days",
        leaves={
            "1.1": LeafCost(outcomes=(OutcomeCost(to="on_time", cost=Decimal(3)),)),
            "1.2": LeafCost(fixed=Decimal(4)),
            "2.1": LeafCost(per_point=Decimal(2), requires=(Requirement(leaf="1.2"),)),
        },
    )
    sim = simulate(
        cset,
        unit,
        peers=peers,
        costs=costs,
        objective=TargetRank(2),
        alternatives=2,
        default_forecast=Forecast(sd=Decimal(5)),
    )
    assert (sim.total, sim.rank) == (Decimal("2.20"), 4)  # late 1 + not done 0 + 20 % of 6
    assert sim.plan is not None
    assert sim.plan.new_rank <= 2 and sim.plan.proven_optimal
    leaves = [s.leaf_id for s in sim.plan.steps]
    if "2.1" in leaves:
        assert "1.2" in leaves and leaves.index("1.2") < leaves.index("2.1")
    assert sim.odds is not None and sim.odds.plans["plan"] > sim.odds.now
    assert Simulation.model_validate_json(sim.model_dump_json()) == sim


def test_a_leaf_capped_by_the_cost_table_never_goes_higher() -> None:
    """max_points in the cost table caps what a leaf can reach this cycle, in every plan."""
    cset = small_set()
    unit = Assessment(
        unit="U",
        block="district",
        year=2021,
        criteria_set="in_code",
        leaves={"1.1": LeafEvidence(value="none"), "2.1": LeafEvidence(value=Decimal(0))},
    )
    costs = CostTable(leaves={"2.1": LeafCost(per_point=Decimal(1), max_points=Decimal(3))})
    sim = simulate(cset, unit, costs=costs, objective=Budget(Decimal(100)))
    assert sim.plan is not None
    reached = {s.leaf_id: s.to_points for s in sim.plan.steps}
    assert reached["2.1"] == 3
    assert all(o.to_points <= 3 for o in sim.opportunities if o.leaf_id == "2.1")


def test_objectives_are_checked_where_they_are_built() -> None:
    """A rank below 1, a negative budget and a negative margin are refused when the objective
    is built, naming the value; only a target rank carries a margin."""
    with pytest.raises(SimulationError, match="target rank 0 is below 1"):
        TargetRank(0)
    with pytest.raises(SimulationError, match="budget -1 is negative"):
        Budget(Decimal(-1))
    with pytest.raises(SimulationError, match="margin -1 is negative"):
        TargetRank(1, margin=Decimal(-1))
    assert TargetRank(2, margin=Decimal(1)).safer and TargetRank(2, against="expected").safer
    assert not TargetRank(2).safer


def test_a_prepared_problem_answers_as_simulate_does() -> None:
    """One prepared problem and the plain functions give the plan, frontier, opportunities,
    alternatives and odds that ``simulate`` reports, for each kind of objective."""
    band = {"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": 50}
    cset = CriteriaSet.model_validate({**small_set().model_dump(), "bands": {"*": [band]}})
    unit = Submission(
        assessment=Assessment(
            unit="U",
            block="district",
            year=2021,
            criteria_set="in_code",
            leaves={"1.1": LeafEvidence(value="late"), "2.1": LeafEvidence(value=Decimal(20))},
        )
    )
    peers = [
        Entry(
            unit=name,
            block="district",
            year=2021,
            index=Decimal(index),
            total=Decimal(index) / 10,
            total_max=Decimal(10),
        )
        for name, index in [("A", "70"), ("B", "60"), ("C", "45")]
    ]
    spread = Forecast(expected_change=Decimal(1), sd=Decimal(2))
    problem = prepare(cset, unit, peers=peers, default_forecast=spread)
    for objective in (
        TargetRank(2),
        TargetRank(2, margin=Decimal(1), against="expected"),
        TargetBand("A"),
        Budget(Decimal(3)),
    ):
        sim = simulate(
            cset, unit, peers=peers, objective=objective, alternatives=2, default_forecast=spread
        )
        found = plan_for(problem, objective)
        assert found == sim.plan
        assert frontier(problem) == list(sim.frontier)
        assert opportunities(problem) == list(sim.opportunities)
        if found is not None:
            assert alternatives(problem, found, 2, objective=objective) == list(sim.alternatives)
            k = objective.rank if isinstance(objective, TargetRank) else found.new_rank
            assert rank_odds(problem, k, found, sim.alternatives, sim.frontier) == sim.odds
