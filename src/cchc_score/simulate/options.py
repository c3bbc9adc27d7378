"""Options: what each leaf can still reach, at what cost, and how a change is applied.

Options come from ``Rule.outcomes(current value)``: each outcome scoring more than the leaf's
current final points, with the evidence value that reaches it and its cost from the cost table.

Appraisal adjustments: a leaf's current points are its final points (after the council's
adjustment, if any). An improvement brings new evidence, and the simulator lets that evidence
replace the adjustment: applying a change sets the leaf's evidence value and removes the leaf's
adjustments from every appraisal round. So an outcome of an adjusted leaf counts as a gain only
when it scores above the adjusted points. When the appraisers cut a leaf below what its evidence
scores, proving the claim (the current value, accepted) is offered as an outcome too; a cost
table prices it by its points like any other outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, cast

from cchc_score.decimal_utils import quantize
from cchc_score.i18n import Label
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.model.evidence import (
    Appraisal,
    Assessment,
    AssessmentFile,
    LeafEvidence,
    Submission,
    Survey,
    SurveyLeaf,
)
from cchc_score.model.result import NodeResult, Result
from cchc_score.rules import Outcome, Rule

from .costs import CostTable, LeafCost, Requirement
from .models import Plan

LeafStatus = Literal["open", "locked", "survey", "bonus", "at_max", "not_priced"]
SIMULATED_NOTE = "simulated improvement / cải thiện giả định"
#: The step that answers an appraisal cut: the unit explains and brings supplementary evidence,
#: and the leaf is scored by its evidence again (the evidence value itself does not change).
EXPLAIN = ("Giải trình, bổ sung tài liệu kiểm chứng", "Explain and add supplementary evidence")
#: The former name of :data:`EXPLAIN`, kept for code that imported it.
SUBSTANTIATE = EXPLAIN
#: What a step does: bring new evidence, or explain a cut (the evidence stays).
Action = Literal["evidence", "explanation"]


@dataclass(frozen=True)
class Option:
    """One improvement: move ``leaf_id`` to the outcome reached by evidence ``value``."""

    leaf_id: str
    value: Any
    points: Decimal
    gain: Decimal
    cost: Decimal
    label_vi: str
    label_en: str
    action: Action = "evidence"

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)


@dataclass(frozen=True)
class LeafState:
    """A leaf as it stands, and the improvements open to it."""

    node: Node
    source: str
    current_points: Decimal
    current_value: Any
    current_text: str | None
    current_text_en: str | None
    adjusted: bool
    options: tuple[Option, ...]
    status: LeafStatus
    requires: tuple[Requirement, ...] = ()

    @property
    def leaf_id(self) -> str:
        return self.node.id


def leaf_states(
    cset: CriteriaSet,
    result: Result,
    assessment: Assessment,
    survey: Survey | None,
    costs: CostTable,
) -> dict[str, LeafState]:
    """Every leaf of the set with its current points and its priced options."""
    scored = {n.id: n for n in result.walk()}
    rounding = cset.rounding
    out: dict[str, LeafState] = {}
    for node in cset.leaves():
        rule = cset.rules[node.id]
        done = scored[node.id]
        current = done.final_points
        value = _current_value(node, assessment, survey)
        entry = costs.entry(node.id)
        options: list[Option] = []
        outcomes = list(rule.outcomes(value))
        claimed = done.evidence_points
        explain: Outcome | None = None
        if (
            node.source == "appraisal"
            and claimed is not None
            and claimed > current
            and not _explanation_spent(done)
        ):
            # The appraisers cut the evidence: explaining, with supplementary evidence, is an
            # outcome of its own.
            explain = Outcome(value, claimed, *EXPLAIN)
            outcomes.insert(0, explain)
        outcomes = _with_priced_values(outcomes, rule, entry, current)
        if costs.actionable(cset, node.id):
            costs.check_reachable(node.id, rule, outcomes, current)
        for outcome in outcomes:
            points = outcome.points
            if rounding.at == "leaf":
                points = quantize(points, rounding.places, rounding.mode)
            if points <= current:
                continue
            is_explain = outcome is explain
            cost = costs.cost_of(node.id, rule, outcome, points, current, explanation=is_explain)
            if cost is None:
                continue
            options.append(
                Option(
                    node.id,
                    outcome.value,
                    points,
                    points - current,
                    cost,
                    outcome.label_vi,
                    outcome.label_en,
                    "explanation" if is_explain else "evidence",
                )
            )
        status: LeafStatus = "open"
        held = costs.fixed_reason(cset, node.id)
        if held is not None:
            status, options = cast(LeafStatus, held), []
        elif entry is not None and entry.locked:
            status = "locked"
        elif not outcomes or current >= node.max_points:
            status = "at_max"
        elif not options:
            status = "not_priced"
        out[node.id] = LeafState(
            node=node,
            source=node.source,
            current_points=current,
            current_value=value,
            current_text=done.value,
            current_text_en=done.value_en or done.value,
            adjusted="appraisal_adjusted" in done.flags or done.appraisal_round is not None,
            options=tuple(options),
            status=status,
            requires=entry.requires if entry is not None else (),
        )
    return out


def _explanation_spent(done: NodeResult) -> bool:
    """The unit explained the leaf and a later round decided: the loop is closed."""
    history = done.appraisal_history
    return any(step.explained for step in history[:-1])


def _with_priced_values(
    outcomes: list[Outcome], rule: Rule, entry: LeafCost | None, current: Decimal
) -> list[Outcome]:
    """The rule's outcomes plus those a cost table prices by an evidence value between the
    rule's steps (e.g. ``to: 37.5`` for a proportional leaf stepping by 1 %)."""
    if entry is None:
        return outcomes
    have = {o.points for o in outcomes}
    extra = []
    for priced in entry.outcomes:
        if priced.to is None:
            continue
        points = rule.score(priced.to)
        if points > current and points not in have:
            have.add(points)
            extra.append(
                Outcome(
                    priced.to,
                    points,
                    rule.describe(priced.to, "vi"),
                    rule.describe(priced.to, "en"),
                )
            )
    return sorted([*outcomes, *extra], key=lambda o: o.points) if extra else outcomes


def _current_value(node: Node, assessment: Assessment, survey: Survey | None) -> Any:
    evidence = assessment.leaves.get(node.id)
    if node.source == "survey" and survey is not None and node.id in survey.leaves:
        return survey.leaves[node.id].distribution
    return evidence.value if evidence is not None else None


def apply_changes(
    submission: Submission, changes: Mapping[str, Option], sources: Mapping[str, str]
) -> Submission:
    """The submission with each change applied: new evidence, the leaf's adjustments dropped.

    ``sources`` gives each changed leaf's source (``appraisal`` or ``survey``); a survey leaf's
    new answer distribution goes into the survey.
    """
    assessment, appraisal, survey = submission.assessment, submission.appraisal, submission.survey
    leaves = dict(assessment.leaves)
    survey_leaves = dict(survey.leaves) if survey is not None else {}
    for leaf_id, option in changes.items():
        if sources[leaf_id] == "survey":
            old = survey_leaves.get(leaf_id)
            survey_leaves[leaf_id] = SurveyLeaf(
                distribution=option.value, respondents=old.respondents if old else None
            )
            continue
        old_evidence = leaves.get(leaf_id) or LeafEvidence()
        leaves[leaf_id] = old_evidence.model_copy(
            update={
                "value": option.value,
                "self_score": option.points,
                "note": old_evidence.note or SIMULATED_NOTE,
            }
        )
    new_assessment = assessment.model_copy(update={"leaves": leaves})
    new_appraisal = appraisal
    if appraisal is not None:
        new_appraisal = Appraisal(
            rounds=tuple(
                r.model_copy(
                    update={
                        "adjustments": {k: v for k, v in r.adjustments.items() if k not in changes}
                    }
                )
                for r in appraisal.rounds
            )
        )
    new_survey = survey
    if survey is not None or any(sources[k] == "survey" for k in changes):
        new_survey = Survey(leaves=survey_leaves)
    return Submission(assessment=new_assessment, appraisal=new_appraisal, survey=new_survey)


def apply_plan(cset: CriteriaSet, file: AssessmentFile, plan: Plan) -> AssessmentFile:
    """The unit's file with the plan applied: each step's ``to_evidence`` as the leaf's value,
    the leaf's adjustments dropped (see ``apply_changes``); scoring it gives the plan's total."""
    changes = {
        s.leaf_id: Option(s.leaf_id, s.to_evidence, s.to_points, s.gain, s.cost, "", "")
        for s in plan.steps
    }
    sources = {leaf_id: cset.index[leaf_id].source for leaf_id in changes}
    new = apply_changes(file.submission, changes, sources)
    return AssessmentFile.model_validate(
        {**new.assessment.model_dump(), "appraisal": new.appraisal, "survey": new.survey}
    )
