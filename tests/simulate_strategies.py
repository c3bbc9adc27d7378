"""Hypothesis strategies for the simulator: small sets with caps, units, peers, cost tables,
and the brute force the planner is checked against."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cchc_score import (
    Adjustment,
    Appraisal,
    AppraisalRound,
    Assessment,
    CriteriaSet,
    LeafEvidence,
    Submission,
    score,
)
from cchc_score.model.ranking import Entry
from cchc_score.plugins import build_registry
from cchc_score.ranking import position
from cchc_score.simulate import Problem, prepare
from cchc_score.simulate.costs import CostTable, LeafCost, OutcomeCost, Requirement
from cchc_score.simulate.options import Option, apply_changes

HALF = Decimal("0.5")


@st.composite
def leaf_spec(draw: st.DrawFn, leaf_id: str) -> tuple[dict[str, Any], Any]:
    """A leaf of a random kind with at most four outcomes, and a current evidence value."""
    kind = draw(st.sampled_from(["binary", "levels", "threshold", "count", "manual", "prop"]))
    top = Decimal(draw(st.integers(1, 4))) * HALF
    node: dict[str, Any] = {"id": leaf_id, "label_vi": leaf_id, "label_en": leaf_id}
    node["max_points"] = top
    value: Any
    if kind == "binary":
        node["rule"] = {"kind": "binary"}
        value = draw(st.booleans())
    elif kind == "levels":
        mid = Decimal(draw(st.integers(0, int(top / HALF)))) * HALF
        node["rule"] = {
            "kind": "levels",
            "params": {
                "levels": [
                    {"key": "a", "points": top, "label_vi": "a", "label_en": "a"},
                    {"key": "b", "points": mid, "label_vi": "b", "label_en": "b"},
                    {"key": "c", "points": 0, "label_vi": "c", "label_en": "c"},
                ]
            },
        }
        value = draw(st.sampled_from(["a", "b", "c"]))
    elif kind == "threshold":
        node["rule"] = {
            "kind": "threshold",
            "params": {
                "max_value": 100,
                "bands": [
                    {"min_exclusive": 80, "points": top},
                    {"min": 50, "max": 80, "points": top / 2},
                    {"max_exclusive": 50, "points": 0},
                ],
            },
        }
        value = Decimal(draw(st.integers(0, 100)))
    elif kind == "count":
        node["rule"] = {"kind": "count", "params": {"required": 3, "of": 4}}
        value = draw(st.integers(0, 4))
    elif kind == "manual":
        node["rule"] = {"kind": "manual", "params": {"step": "0.5"}}
        value = Decimal(draw(st.integers(0, int(top / HALF)))) * HALF
    else:
        node["rule"] = {"kind": "proportional", "params": {"step": 30, "floor": 10}}
        value = Decimal(draw(st.integers(0, 100)))
    return node, value


@dataclass
class Case:
    cset: CriteriaSet
    assessment: Assessment
    costs: CostTable
    peers: list[Entry]
    appraisal: Appraisal | None = None

    @property
    def submission(self) -> Submission:
        return Submission(assessment=self.assessment, appraisal=self.appraisal)


@st.composite
def cases(draw: st.DrawFn, max_leaves: int = 4, prerequisites: bool = True) -> Case:
    """A set of one or two areas with at most ``max_leaves`` changeable leaves, a bonus/penalty
    leaf (inside a criterion, so its parent's cap matters, or as an extra area), a rounding rule
    and tie policy, a unit (perhaps with one leaf adjusted by the appraisers), random peers and a
    random cost table with locks and prerequisites."""
    n = draw(st.integers(1, max_leaves))
    specs = [draw(leaf_spec(f"1.{i + 1}")) for i in range(n)]
    children = [s[0] for s in specs]
    values = {s[0]["id"]: s[1] for s in specs}
    area_max = sum((c["max_points"] for c in children), Decimal(0))
    bonus_place = draw(st.sampled_from(["none", "inside", "area"]))
    nodes: list[dict[str, Any]] = []
    bonus = {
        "label_vi": "thưởng",
        "label_en": "bonus",
        "max_points": 1,
        "extra": True,
        "rule": {"kind": "bonus_penalty", "params": {"floor": -1, "step": "0.5"}},
    }
    bonus_value = Decimal(draw(st.integers(-2, 2))) * HALF
    if bonus_place == "inside":
        children.append({"id": f"1.{n + 1}", **bonus})
        values[f"1.{n + 1}"] = bonus_value
    nodes.append(
        {"id": "1", "label_vi": "1", "label_en": "1", "max_points": area_max, "children": children}
    )
    if bonus_place == "area":
        nodes.append(
            {
                "id": "9",
                "label_vi": "9",
                "label_en": "9",
                "max_points": 1,
                "extra": True,
                "children": [{"id": "9.1", **bonus}],
            }
        )
        values["9.1"] = bonus_value
    places = draw(st.integers(0, 2))
    cset = CriteriaSet.model_validate(
        {
            "id": "sim_test",
            "version": "1",
            "title_vi": "t",
            "title_en": "t",
            "unit_type": "district",
            "total_max": area_max,
            "total_cap": area_max + draw(st.sampled_from([0, 1])),
            "rounding": {
                "places": places,
                "index_places": draw(st.integers(0, 2)),
                "mode": draw(st.sampled_from(["half_up", "half_even", "down"])),
                "at": draw(st.sampled_from(["total", "leaf"])),
            },
            "tie_policy": draw(st.sampled_from(["shared", "dense", "unrounded"])),
            "nodes": nodes,
        }
    )
    assessment = Assessment(
        unit="Unit",
        unit_id="me",
        block="district",
        year=2021,
        criteria_set="sim_test",
        leaves={k: LeafEvidence(value=v, note="n") for k, v in values.items()},
    )
    leaf_ids = list(values)
    entries: dict[str, LeafCost] = {}
    for i, leaf_id in enumerate(leaf_ids):
        how = draw(st.sampled_from(["per_point", "fixed", "outcomes", "locked", "default"]))
        requires: tuple[Requirement, ...] = ()
        if prerequisites and i > 0 and draw(st.integers(0, 3)) == 0:
            requires = (Requirement(leaf=draw(st.sampled_from(leaf_ids[:i]))),)
        cost = Decimal(draw(st.integers(0, 8))) / 2
        if how == "per_point":
            entries[leaf_id] = LeafCost(per_point=cost, requires=requires)
        elif how == "fixed":
            entries[leaf_id] = LeafCost(fixed=cost, per_point=Decimal(1), requires=requires)
        elif how == "outcomes":
            entries[leaf_id] = LeafCost(
                outcomes=(OutcomeCost(points=cset.index[leaf_id].max_points, cost=cost),),
                requires=requires,
            )
        elif how == "locked":
            entries[leaf_id] = LeafCost(locked=True)
        elif requires:
            entries[leaf_id] = LeafCost(per_point=Decimal(1), requires=requires)
    costs = CostTable(leaves=entries)
    top = int(cset.cap / HALF)
    totals = draw(st.lists(st.integers(0, top), min_size=1, max_size=6))
    peers = [
        Entry(
            unit=f"P{i}",
            block="district",
            year=2021,
            total=Decimal(t) * HALF,
            unrounded_total=Decimal(t) * HALF,
            total_max=cset.total_max,
            index=(Decimal(t) * HALF * 100 / cset.total_max).quantize(Decimal("0.01")),
        )
        for i, t in enumerate(totals)
    ]
    appraisal = None
    if draw(st.booleans()):
        cut = draw(st.sampled_from([s[0] for s in specs]))
        adjusted = Decimal(draw(st.integers(0, int(cut["max_points"] / HALF)))) * HALF
        appraisal = Appraisal(
            rounds=(
                AppraisalRound(
                    round=1, adjustments={cut["id"]: Adjustment(score=adjusted, reason="r")}
                ),
            )
        )
    return Case(cset, assessment, costs, peers, appraisal)


@dataclass
class Outcome:
    """One plan of the brute force: its cost, the engine's total and the rank it takes."""

    changes: dict[str, Option]
    cost: Decimal
    total: Decimal
    rank: int


def brute_force(problem: Problem) -> list[Outcome]:
    """Every allowed plan (each leaf stays or takes one option), scored by the engine."""
    leaves = list(problem.leaves.values())
    choices = [[None, *s.options] for s in leaves]
    out = []
    for combo in itertools.product(*choices):
        changes = {o.leaf_id: o for o in combo if o is not None}
        points = {s.leaf_id: s.current_points for s in leaves}
        points.update({k: o.points for k, o in changes.items()})
        allowed = True
        for leaf_id in changes:
            for req in problem.leaves[leaf_id].requires:
                need = req.min_points or problem.cset.index[req.leaf].max_points
                if points[req.leaf] < need:
                    allowed = False
        if not allowed:
            continue
        result = score(problem.cset, apply_changes(problem.submission, changes, problem.sources))
        rank = position(
            Entry.from_result(result), problem.standings.peers, problem.standings.policy
        )
        cost = sum((o.cost for o in changes.values()), Decimal(0))
        out.append(Outcome(changes, cost, result.total, rank))
    return out


def blank_with_surveys(pack: str, pick: random.Random) -> Problem:
    """A unit of a shipped pack with random survey answers and nothing else: survey answers
    weighted by the rule give points with many digits (28 places in the national packs)."""
    cset = build_registry().get_set(pack, None)
    surveys = {
        leaf.id: LeafEvidence(
            value={a: pick.randint(0, 60) for a in cset.rules[leaf.id].params.weights}
        )
        for leaf in cset.leaves()
        if leaf.source == "survey"
    }
    empty = Assessment(unit="U", block="province", year=2023, criteria_set=cset.id, leaves=surveys)
    return prepare(cset, empty)
