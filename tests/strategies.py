"""Hypothesis strategies: criteria sets, rules and assessments built in code."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cchc_score import Assessment, CriteriaSet, LeafEvidence

points = st.integers(min_value=1, max_value=40).map(lambda n: Decimal(n) / 4)
percent = st.integers(min_value=0, max_value=10000).map(lambda n: Decimal(n) / 100)


@st.composite
def threshold_params(draw: st.DrawFn, max_points: Decimal) -> dict[str, Any]:
    """Bands edge to edge over [0, 100], with random edges, inclusivity and rising points."""
    edges = sorted(draw(st.sets(st.integers(min_value=1, max_value=99), min_size=1, max_size=4)))
    steps = draw(st.lists(st.integers(0, 4), min_size=len(edges) + 1, max_size=len(edges) + 1))
    raw = [sum(steps[: i + 1]) for i in range(len(steps))]
    top = raw[-1] or 1
    pts = [max_points * r / top for r in raw]
    higher = draw(st.booleans())
    if not higher:
        pts = list(reversed(pts))
    bands: list[dict[str, Any]] = []
    lower_inclusive = True
    low: int | None = None
    for i, edge in enumerate([*edges, None]):
        band: dict[str, Any] = {"points": str(pts[i])}
        if low is not None:
            band["min" if lower_inclusive else "min_exclusive"] = low
        if edge is not None:
            upper_inclusive = draw(st.booleans())
            band["max" if upper_inclusive else "max_exclusive"] = edge
            lower_inclusive = not upper_inclusive
        bands.append(band)
        low = edge
    return {"bands": bands, "max_value": 100, "higher_is_better": higher}


@st.composite
def leaf_rule(draw: st.DrawFn, max_points: Decimal) -> dict[str, Any]:
    kind = draw(st.sampled_from(["binary", "levels", "threshold", "proportional", "count"]))
    if kind == "binary":
        return {"kind": "binary"}
    if kind == "levels":
        return {
            "kind": "levels",
            "params": {
                "levels": [
                    {
                        "key": "full",
                        "points": str(max_points),
                        "label_vi": "Đủ",
                        "label_en": "Full",
                    },
                    {
                        "key": "half",
                        "points": str(max_points / 2),
                        "label_vi": "Nửa",
                        "label_en": "Half",
                    },
                    {"key": "none", "points": "0", "label_vi": "Không", "label_en": "None"},
                ]
            },
        }
    if kind == "threshold":
        return {"kind": "threshold", "params": draw(threshold_params(max_points))}
    if kind == "proportional":
        floor = draw(st.sampled_from([None, 5, 20]))
        params: dict[str, Any] = {"full_at": draw(st.sampled_from([50, 80, 100]))}
        if floor is not None:
            params["floor"] = floor
        return {"kind": "proportional", "params": params}
    return {"kind": "count", "params": {"required": draw(st.integers(1, 4)), "of": 4}}


def value_for(rule: dict[str, Any], draw: st.DrawFn) -> Any:
    kind = rule["kind"]
    if kind == "binary":
        return draw(st.booleans())
    if kind == "levels":
        return draw(st.sampled_from(["full", "half", "none"]))
    if kind == "count":
        return draw(st.integers(0, 4))
    return draw(percent)


@st.composite
def criteria_sets(draw: st.DrawFn, max_areas: int = 3, max_children: int = 3) -> CriteriaSet:
    """A valid set: areas of criteria of leaves, maxima adding up, varied rule kinds."""
    areas = []
    for a in range(1, draw(st.integers(1, max_areas)) + 1):
        children = []
        for c in range(1, draw(st.integers(1, max_children)) + 1):
            cid = f"{a}.{c}"
            if draw(st.booleans()):
                leaves = []
                for s in range(1, draw(st.integers(1, max_children)) + 1):
                    mp = draw(points)
                    leaves.append(_leaf(f"{cid}.{s}", mp, draw(leaf_rule(mp))))
                children.append(_parent(cid, leaves))
            else:
                mp = draw(points)
                children.append(_leaf(cid, mp, draw(leaf_rule(mp))))
        areas.append(_parent(str(a), children))
    total = sum((Decimal(n["max_points"]) for n in areas), Decimal(0))
    return CriteriaSet.model_validate(
        {
            "id": "generated",
            "version": "1",
            "title_vi": "Bộ chỉ số sinh ngẫu nhiên",
            "title_en": "Generated set",
            "unit_type": "district",
            "total_max": str(total),
            "bands": {"*": [{"code": "a", "label_vi": "Tốt", "label_en": "Good", "min_index": 80}]},
            "nodes": areas,
        }
    )


def _leaf(node_id: str, max_points: Decimal, rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": node_id,
        "label_vi": f"Tiêu chí {node_id}",
        "label_en": f"Criterion {node_id}",
        "max_points": str(max_points),
        "rule": rule,
    }


def _parent(node_id: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    total = sum((Decimal(c["max_points"]) for c in children), Decimal(0))
    return {
        "id": node_id,
        "label_vi": f"Nhóm {node_id}",
        "label_en": f"Group {node_id}",
        "max_points": str(total),
        "children": children,
    }


@st.composite
def assessments(draw: st.DrawFn, cset: CriteriaSet) -> Assessment:
    """An assessment of ``cset`` giving evidence for a random subset of leaves."""
    leaves: dict[str, LeafEvidence] = {}
    for leaf in cset.leaves():
        if draw(st.integers(0, 4)) == 0:
            continue
        assert leaf.rule is not None
        value = value_for(leaf.rule.model_dump(), draw)
        leaves[leaf.id] = LeafEvidence(value=value)
    return Assessment(
        unit="Đơn vị thử", block="district", year=2021, criteria_set=cset.id, leaves=leaves
    )
