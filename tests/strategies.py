"""Hypothesis strategies: criteria sets, rules and assessments built in code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cchc_score import (
    Adjustment,
    Appraisal,
    AppraisalRound,
    Assessment,
    AssessmentFile,
    CriteriaSet,
    EvidenceDocument,
    LeafEvidence,
    Survey,
    SurveyLeaf,
)

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


# ------------------------------------------------------------------ assessment files (workbooks)

words = (
    st.text(
        alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếệốờự AZ019/-.,:=()")),
        min_size=1,
        max_size=24,
    )
    .map(str.strip)
    .filter(bool)
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
hundredths = st.integers(min_value=0, max_value=10000).map(lambda n: Decimal(n) / 100)


@st.composite
def evidence_documents(draw: st.DrawFn) -> EvidenceDocument:
    """A document with at least one field filled in."""
    fields = {
        "number": draw(st.none() | words),
        "date": draw(st.none() | dates),
        "issuer": draw(st.none() | words),
        "title": draw(st.none() | words),
        "link": draw(st.none() | words),
    }
    if all(v is None for v in fields.values()):
        fields["number"] = draw(words)
    return EvidenceDocument(**fields)


@st.composite
def leaf_evidence(draw: st.DrawFn, value: st.SearchStrategy[Any]) -> LeafEvidence:
    """Evidence for one leaf carrying at least something (value, document, self-score, note)."""
    evidence = LeafEvidence(
        value=draw(st.none() | value),
        documents=tuple(draw(st.lists(evidence_documents(), max_size=3))),
        self_score=draw(st.none() | hundredths.map(lambda d: d / 10)),
        note=draw(st.none() | words),
    )
    if evidence == LeafEvidence():
        evidence = LeafEvidence(value=draw(value))
    return evidence


def _distribution() -> st.SearchStrategy[dict[str, Decimal]]:
    return st.dictionaries(
        st.sampled_from("ABCD"), st.integers(1, 500).map(Decimal), min_size=1, max_size=4
    )


#: Valid evidence values of each leaf of the minimal example set.
MINIMAL_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "1.1.1": st.sampled_from(["on_time", "late", "not_issued"]),
    "1.1.2": st.booleans(),
    "1.1.3": hundredths,
    "1.2": st.integers(0, 4).map(Decimal),
    "1.3": st.integers(0, 8).map(lambda n: Decimal(n) / 4),
    "2.1": hundredths,
    "2.2": _distribution(),
    "2.3": hundredths,
    "3.1": st.integers(-8, 4).map(lambda n: Decimal(n) / 4)
    | st.lists(
        st.fixed_dictionaries(
            {"points": st.integers(-8, 4).map(lambda n: Decimal(n) / 4), "reason": words}
        ),
        min_size=1,
        max_size=3,
    ),
}


@st.composite
def adjustments(draw: st.DrawFn) -> Adjustment:
    """An appraiser's score and note, and maybe the explanation loop: the flag, the unit's
    explanation, supplementary documents."""
    return Adjustment(
        # Within [0, 1]: inside every leaf's range, as an appraiser's score must be.
        score=draw(hundredths) / 100,
        reason=draw(words),
        explanation_required=draw(st.booleans()),
        explanation=draw(st.none() | words),
        supplementary=tuple(draw(st.lists(evidence_documents(), max_size=2))),
    )


@st.composite
def appraisals(draw: st.DrawFn, leaf_ids: list[str]) -> Appraisal:
    """Rounds with distinct numbers, each adjusting some leaves (or none), with an
    explanation deadline or not."""
    numbers = draw(st.lists(st.integers(1, 9), unique=True, max_size=3))
    rounds = []
    for number in numbers:
        adjusted = draw(st.lists(st.sampled_from(leaf_ids), unique=True, max_size=3))
        rounds.append(
            AppraisalRound(
                round=number,
                by=draw(st.none() | words),
                date=draw(st.none() | dates),
                explanation_deadline=draw(st.none() | dates),
                adjustments={i: draw(adjustments()) for i in adjusted},
            )
        )
    return Appraisal(rounds=tuple(rounds))


#: The minimal set's survey leaves and their maxima: results are given only for these.
MINIMAL_SURVEY = {"2.2": 6}


@st.composite
def survey_results(draw: st.DrawFn, leaf_ids: list[str]) -> Survey:
    """Results for survey leaves: a distribution, computed points (within the maximum), or both."""
    out = {}
    surveyed = [i for i in leaf_ids if i in MINIMAL_SURVEY]
    if not surveyed:
        return Survey(leaves={})
    for leaf_id in draw(st.lists(st.sampled_from(surveyed), unique=True, max_size=2)):
        within = st.integers(0, MINIMAL_SURVEY[leaf_id] * 100).map(lambda n: Decimal(n) / 100)
        distribution = draw(st.none() | _distribution())
        points = draw(st.none() | within) if distribution else draw(within)
        out[leaf_id] = SurveyLeaf(
            distribution=distribution,
            points=points,
            respondents=draw(st.none() | st.integers(0, 5000)),
        )
    return Survey(leaves=out)


@st.composite
def assessment_files(
    draw: st.DrawFn, values: dict[str, st.SearchStrategy[Any]] | None = None
) -> AssessmentFile:
    """An assessment file of the minimal set (or of the leaves ``values`` names): evidence for
    some leaves, an optional appraisal and survey."""
    values = values if values is not None else MINIMAL_VALUES
    leaf_ids = sorted(values)
    chosen = draw(st.lists(st.sampled_from(leaf_ids), unique=True))
    return AssessmentFile(
        unit=draw(words),
        unit_id=draw(st.none() | words),
        block=draw(st.sampled_from(["district", "commune", "Khối huyện"])),
        year=draw(st.integers(2000, 2100)),
        criteria_set="example_minimal",
        set_version=draw(st.sampled_from([None, "1.0"])),
        leaves={i: draw(leaf_evidence(values[i])) for i in chosen},
        appraisal=draw(st.none() | appraisals([i for i in leaf_ids if i not in MINIMAL_SURVEY])),
        survey=draw(st.none() | survey_results(leaf_ids)),
    )


@st.composite
def workbook_assessments(draw: st.DrawFn, cset: CriteriaSet) -> AssessmentFile:
    """An assessment file of a generated set: valid values on some leaves, no appraisal."""
    values: dict[str, st.SearchStrategy[Any]] = {}
    for leaf in cset.leaves():
        assert leaf.rule is not None
        rule = leaf.rule.model_dump()
        values[leaf.id] = st.builds(lambda d: d, st.data()).map(
            lambda data, rule=rule: value_for(rule, data.draw)
        )
    doc = draw(assessment_files(values))
    update = {"criteria_set": cset.id, "set_version": cset.version, "appraisal": None}
    return doc.model_copy(update={**update, "survey": None})
