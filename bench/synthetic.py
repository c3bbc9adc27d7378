"""Synthetic criteria sets, units and cost tables of realistic size, for the benchmarks."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import Assessment, LeafEvidence
from cchc_score.rules import Rule
from cchc_score.simulate.costs import CostTable, LeafCost

KINDS = ("binary", "levels", "threshold", "proportional", "count", "manual", "survey")


def _leaf(leaf_id: str, points: Decimal, kind: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"kind": kind}
    if kind == "levels":
        rule["params"] = {
            "levels": [
                {"key": "full", "points": points, "label_vi": "Đủ", "label_en": "Full"},
                {"key": "half", "points": points / 2, "label_vi": "Một nửa", "label_en": "Half"},
                {"key": "none", "points": 0, "label_vi": "Không", "label_en": "None"},
            ]
        }
    elif kind == "threshold":
        rule["params"] = {
            "max_value": 100,
            "bands": [
                {"min_exclusive": 90, "points": points},
                {"min": 70, "max": 90, "points": points / 2},
                {"max_exclusive": 70, "points": 0},
            ],
        }
    elif kind == "proportional":
        rule["params"] = {"floor": 5, "full_at": 80, "step": 5}
    elif kind == "count":
        rule["params"] = {"required": 4, "of": 4}
    elif kind == "manual":
        rule["params"] = {"step": "0.25"}
    return {
        "id": leaf_id,
        "label_vi": f"Tiêu chí {leaf_id}",
        "label_en": f"Criterion {leaf_id}",
        "max_points": points,
        "rule": rule,
    }


def synthetic_set(leaves: int = 90, areas: int = 8, seed: int = 1) -> CriteriaSet:
    """A 100-point set with ``leaves`` leaves of every kind over ``areas`` areas."""
    rng = random.Random(seed)
    per_area = [leaves // areas + (1 if i < leaves % areas else 0) for i in range(areas)]
    quarter = Decimal("0.25")
    nodes = []
    budget = 400  # quarter points over the whole set
    area_quarters = [budget * n // leaves for n in per_area]
    area_quarters[-1] += budget - sum(area_quarters)
    for a, (count, quarters) in enumerate(zip(per_area, area_quarters, strict=True), start=1):
        shares = [1] * count
        for _ in range(quarters - count):
            shares[rng.randrange(count)] += 1
        criteria: list[dict[str, Any]] = []
        i = 0
        c = 0
        while i < count:
            c += 1
            size = min(rng.choice((1, 2, 3)), count - i)
            kids = [
                _leaf(f"{a}.{c}.{j + 1}", shares[i + j] * quarter, rng.choice(KINDS))
                for j in range(size)
            ]
            total = sum((k["max_points"] for k in kids), Decimal(0))
            if size == 1:
                leaf = kids[0]
                leaf["id"] = f"{a}.{c}"
                criteria.append(leaf)
            else:
                criteria.append(
                    {
                        "id": f"{a}.{c}",
                        "label_vi": f"Tiêu chí {a}.{c}",
                        "label_en": f"Criterion {a}.{c}",
                        "max_points": total,
                        "children": kids,
                    }
                )
            i += size
        nodes.append(
            {
                "id": str(a),
                "label_vi": f"Lĩnh vực {a}",
                "label_en": f"Area {a}",
                "max_points": quarters * quarter,
                "children": criteria,
            }
        )
    return CriteriaSet.model_validate(
        {
            "id": "synthetic",
            "version": "1",
            "title_vi": "Bộ chỉ số tổng hợp",
            "title_en": "Synthetic set",
            "unit_type": "commune",
            "total_max": 100,
            "nodes": nodes,
        }
    )


def synthetic_unit(
    cset: CriteriaSet, name: str, skill: float, seed: int, rules: dict[str, Rule] | None = None
) -> Assessment:
    """A unit of ``cset`` whose evidence is good with probability about ``skill`` per leaf."""
    rng = random.Random(seed)
    rules = rules if rules is not None else cset.rules
    leaves: dict[str, LeafEvidence] = {}
    for leaf in cset.leaves():
        rule = rules[leaf.id]
        good = rng.random() < skill
        params: Any = rule.params
        value: Any
        if rule.kind == "binary":
            value = good
        elif rule.kind == "levels":
            ordered = sorted(params.levels, key=lambda lv: lv.points)
            value = ordered[-1].key if good else rng.choice(ordered[:-1]).key
        elif rule.kind == "threshold":
            low = params.min_value if params.min_value is not None else Decimal(0)
            high = params.max_value if params.max_value is not None else Decimal(100)
            share = Decimal(rng.randint(60, 100) if good else rng.randint(0, 85)) / 100
            if not params.higher_is_better:
                share = 1 - share
            value = (low + (high - low) * share).quantize(Decimal("0.01"))
        elif rule.kind == "proportional":
            share = Decimal(rng.randint(60, 100) if good else rng.randint(0, 85)) / 100
            value = (params.scale * share).quantize(Decimal("0.01"))
        elif rule.kind == "count":
            top = params.of or params.required
            value = top if good else rng.randint(0, params.required - 1)
        elif rule.kind == "manual":
            value = leaf.max_points * Decimal(rng.randint(2 if good else 0, 4)) / 4
        elif rule.kind == "bonus_penalty":
            value = Decimal(rng.randint(-2, 2)) / 4
        else:
            answers = list(params.weights)
            value = {
                a: rng.randint(0, 50) + (40 if good and i == 0 else 0)
                for i, a in enumerate(answers)
            }
        leaves[leaf.id] = LeafEvidence(value=value, note="biên bản chấm")
    return Assessment(unit=name, block="commune", year=2025, criteria_set=cset.id, leaves=leaves)


def synthetic_costs(cset: CriteriaSet, seed: int = 1) -> CostTable:
    """Working days: a set-up effort per leaf plus days per point gained."""
    rng = random.Random(seed)
    return CostTable(
        unit_vi="ngày công",
        unit_en="working days",
        leaves={
            leaf.id: LeafCost(
                fixed=Decimal(rng.randint(1, 10)), per_point=Decimal(rng.randint(2, 20))
            )
            for leaf in cset.leaves()
        },
    )
