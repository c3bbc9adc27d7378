"""score(): a unit's submission (assessment, appraisal, survey) in, the scored tree out. No I/O."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .decimal_utils import quantize
from .errors import CchcScoreError, EvidenceError, PluginError, UnknownIdError, msg, shown
from .model.criteria import CriteriaSet, Node
from .model.evidence import Adjustment, Appraisal, Assessment, Submission, Survey
from .model.result import Flag, NodeResult, Result, RoundScore
from .model.survey import GroupPoints
from .rules import Rule
from .surveys import combine_groups, rescaled_total, survey_absent

ZERO = Decimal(0)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, ZERO) if present else None


def check_ids(
    criteria_set: CriteriaSet,
    assessment: Assessment,
    appraisal: Appraisal | None,
    survey: Survey | None,
) -> None:
    """Raise when an input names a set, version or leaf the criteria set does not have."""
    if assessment.criteria_set != criteria_set.id:
        raise UnknownIdError(
            msg(
                "assessment is for criteria set {given!r}, not {loaded!r}",
                given=assessment.criteria_set,
                loaded=criteria_set.id,
            ),
            place="criteria_set",
        )
    if assessment.set_version is not None and assessment.set_version != criteria_set.version:
        raise UnknownIdError(
            msg(
                "assessment is for version {given!r} of {set!r}, but version {loaded!r} is loaded",
                given=assessment.set_version,
                set=criteria_set.id,
                loaded=criteria_set.version,
            ),
            place="set_version",
        )
    groups: list[tuple[str, list[str]]] = [("leaves", list(assessment.leaves))]
    if appraisal is not None:
        for rnd in appraisal.rounds:
            groups.append((f"appraisal round {rnd.round}", list(rnd.adjustments)))
    if survey is not None:
        groups.append(("survey", list(survey.leaves)))
    for where, ids in groups:
        for leaf_id in ids:
            node = criteria_set.index.get(leaf_id)
            if node is None or not node.is_leaf:
                said = (
                    msg(
                        "{where}: criteria set {set!r} has no leaf {id!r}",
                        where=where,
                        set=criteria_set.id,
                        id=leaf_id,
                    )
                    if node is not None
                    else msg(
                        "{where}: criteria set {set!r} has no node {id!r}",
                        where=where,
                        set=criteria_set.id,
                        id=leaf_id,
                    )
                )
                raise UnknownIdError(
                    said,
                    place=f"{where}: {leaf_id}",
                ).with_node(leaf_id)
            if where == "survey" and node.source != "survey":
                raise UnknownIdError(
                    msg(
                        "leaf {id!r} is not a survey leaf of {set!r}"
                        " (its evidence belongs in the assessment's leaves)",
                        id=leaf_id,
                        set=criteria_set.id,
                    ),
                    place=f"survey: {leaf_id}",
                ).with_node(leaf_id)
            if where.startswith("appraisal") and node.source == "survey":
                # Survey points are added to the appraised points; appraisers do not change them.
                raise UnknownIdError(
                    msg(
                        "{where}: leaf {id!r} is scored by the survey, not by the appraisal",
                        where=where,
                        id=leaf_id,
                    ),
                    place=f"{where}: {leaf_id}",
                ).with_node(leaf_id)
    if survey is not None:
        for leaf_id in survey.leaves:
            evidence = assessment.leaves.get(leaf_id)
            if evidence is not None and evidence.value is not None:
                raise UnknownIdError(
                    msg(
                        "survey leaf {id!r} has results both in 'leaves' and in 'survey':"
                        " give them once, in 'survey'",
                        id=leaf_id,
                    ),
                    place=f"leaves: {leaf_id}",
                ).with_node(leaf_id)


def score(
    criteria_set: CriteriaSet,
    submission: Submission | Assessment,
    *,
    strict: bool = True,
) -> Result:
    """Score one unit's submission under a criteria set (with the rules the set carries).

    Args:
        criteria_set: the set the assessment answers.
        submission: the unit's assessment with the council's appraisal (the last round of each
            leaf wins) and the survey results; an assessment alone is scored without them, and
            an ``AssessmentFile`` with the appraisal and survey it holds.
        strict: raise EvidenceError on an evidence value its rule cannot accept; when
            False, score the leaf 0 and flag it ``value_out_of_range`` instead.

    Returns:
        The scored tree. Raises EvidenceError or UnknownIdError naming the leaf on bad input.
    """
    given = Submission.of(submission)
    assessment, appraisal, survey = given.assessment, given.appraisal, given.survey
    check_ids(criteria_set, assessment, appraisal, survey)
    adjustments = appraisal.final() if appraisal is not None else {}
    rounding = criteria_set.rounding
    scorer = _Scorer(criteria_set, assessment, adjustments, survey, strict, appraisal)
    roots = tuple(scorer.node(root) for root in criteria_set.nodes)

    unrounded = sum((r.final_points for r in roots), ZERO)
    rescaled_from = None
    settings = criteria_set.survey
    if (
        settings is not None
        and settings.absent == "rescale"
        and survey_absent(criteria_set, assessment, survey)
    ):
        rescaled = rescaled_total(criteria_set, [(r.extra, r.final_points) for r in roots])
        if rescaled is not None:
            unrounded, rescaled_from = rescaled
    unrounded = min(max(unrounded, ZERO), criteria_set.cap)
    total = quantize(unrounded, rounding.places, rounding.mode)
    index = quantize(total * 100 / criteria_set.total_max, rounding.index_places, rounding.mode)
    leaves = [n for r in roots for n in r.walk() if not n.children]
    flags: Counter[str] = Counter(f for n in leaves for f in n.flags)
    return Result(
        unit=assessment.unit,
        unit_id=assessment.unit_id,
        block=assessment.block,
        year=assessment.year,
        criteria_set=criteria_set.id,
        set_version=criteria_set.version,
        total=total,
        unrounded_total=unrounded,
        total_max=criteria_set.total_max,
        index=index,
        band=criteria_set.band_of(
            assessment.block, index, unrounded * 100 / criteria_set.total_max
        ),
        self_total=_sum([n.self_points for n in leaves]),
        appraisal_total=sum((n.final_points for n in leaves if n.assessed_by == "appraisal"), ZERO),
        survey_total=sum((n.final_points for n in leaves if n.assessed_by == "survey"), ZERO),
        flag_counts=dict(sorted(flags.items())),
        nodes=roots,
        survey_groups=scorer.survey_groups,
        rescaled_from=rescaled_from,
    )


def node_floors(cset: CriteriaSet) -> dict[str, Decimal]:
    """The lowest points each node may show: 0, or, inside bonus/penalty content outside the
    maxima, the sum of its leaves' minima. Leaves are bounded by their rules alone."""
    floors: dict[str, Decimal] = {}
    rules = cset.rules

    def visit(node: Node, outside: bool) -> None:
        outside = outside or node.extra
        floors[node.id] = (
            sum((rules[leaf.id].min_points for leaf in node.walk() if leaf.is_leaf), ZERO)
            if outside
            else ZERO
        )
        for child in node.children:
            visit(child, outside)

    for root in cset.nodes:
        visit(root, False)
    return floors


def _lost(max_points: Decimal, final: Decimal, outside: bool) -> Decimal:
    """Points lost: short of the maximum; for bonus/penalty content, only the penalty."""
    if outside:
        return max(-final, ZERO)
    return max_points - final


class _Scorer:
    def __init__(
        self,
        cset: CriteriaSet,
        assessment: Assessment,
        adjustments: dict[str, tuple[int, Adjustment]],
        survey: Survey | None,
        strict: bool = True,
        appraisal: Appraisal | None = None,
    ) -> None:
        self.strict = strict
        self.appraisal = appraisal
        self.floors = node_floors(cset)
        self.cset = cset
        self.assessment = assessment
        self.adjustments = adjustments
        self.survey = survey
        self.rules = cset.rules
        #: Each group's part of the survey leaves answered per group, filled while scoring.
        self.survey_groups: dict[str, tuple[GroupPoints, ...]] = {}

    def node(self, node: Node, outside: bool = False) -> NodeResult:
        """Score a node; ``outside``: it lies in bonus/penalty content outside the maxima."""
        outside = outside or node.extra
        if node.is_leaf:
            try:
                return self.leaf(node, outside)
            except CchcScoreError as exc:
                raise exc.located(place=f"node {node.id}").with_node(node.id) from None
            except Exception as exc:
                rule = self.rules.get(node.id)
                if rule is None or type(rule).__module__.startswith("cchc_score."):
                    raise  # a bug of ours: let it surface
                # A plug-in's rule failed: name it, so the user knows whose code to fix.
                raise PluginError(
                    msg(
                        "rule kind {kind!r} from {module} failed: {error}: {problem}",
                        kind=rule.kind,
                        module=type(rule).__module__,
                        error=type(exc).__name__,
                        problem=str(exc),
                    ),
                    place=f"node {node.id}",
                ).with_node(node.id) from None
        children = tuple(self.node(child, outside) for child in node.children)
        raw = sum((c.final_points for c in children), ZERO)
        floor = self.floors[node.id]
        final = min(max(raw, floor), node.max_points)
        flags: tuple[Flag, ...] = ("capped",) if final != raw else ()
        return NodeResult(
            id=node.id,
            label_vi=node.label_vi,
            label_en=node.label_en,
            max_points=node.max_points,
            extra=outside,
            self_points=_sum([c.self_points for c in children]),
            evidence_points=_sum([c.evidence_points for c in children]),
            appraised_points=_sum([c.appraised_points for c in children]),
            final_points=final,
            lost=_lost(node.max_points, final, outside),
            flags=flags,
            children=children,
        )

    def leaf(self, node: Node, outside: bool) -> NodeResult:
        rule = self.rules[node.id]
        evidence = self.assessment.leaves.get(node.id)
        flags: list[Flag] = []
        value_text: str | None = None
        value_en: str | None = None
        evidence_points: Decimal | None = None
        appraised: Decimal | None = None
        if node.source == "survey":
            evidence_points = self.survey_points(node, rule, flags)
            final = evidence_points if evidence_points is not None else ZERO
        else:
            value = evidence.value if evidence is not None else None
            if value is None:
                flags.append("missing_evidence")
            else:
                try:
                    checked = rule.check(value)
                except EvidenceError:
                    if self.strict:
                        raise
                    flags.append("value_out_of_range")
                    value_text = value_en = shown(value)
                else:
                    evidence_points = rule.points(checked)
                    value_text = rule.describe(checked, "vi")
                    value_en = rule.describe(checked, "en")
                if evidence is not None and not evidence.documents:
                    flags.append("missing_documents")
                if (
                    getattr(rule, "needs_reason", False)
                    and not (evidence is not None and evidence.note)
                    and node.id not in self.adjustments
                ):
                    raise EvidenceError(
                        msg(
                            "a {kind} leaf needs a note giving the reason for {value}",
                            kind=rule.kind,
                            value=value,
                        ),
                        code="missing_reason",
                    )
            appraised = evidence_points if evidence_points is not None else ZERO
            final = appraised
        adjustment = self.adjustments.get(node.id)
        round_no: int | None = None
        reason: str | None = None
        if adjustment is not None:
            round_no, adj = adjustment
            if adj.score < rule.min_points or adj.score > node.max_points:
                raise EvidenceError(
                    msg(
                        "appraisal round {round} gives {points} points, outside [{low}, {high}]",
                        round=round_no,
                        points=adj.score,
                        low=rule.min_points,
                        high=node.max_points,
                    ),
                    code="appraisal_out_of_range",
                )
            if adj.score != (evidence_points if evidence_points is not None else ZERO):
                flags.append("appraisal_adjusted")
            if adj.explanation_required:
                flags.append("explanation_required")
            reason = adj.reason
            final = adj.score
            if node.source == "appraisal":
                appraised = adj.score
        self_points = evidence.self_score if evidence is not None else None
        if self_points is not None:
            if self_points < rule.min_points or self_points > node.max_points:
                flags.append("self_score_out_of_range")
            elif evidence_points is not None and self_points != evidence_points:
                flags.append("self_score_differs")
        rounding = self.cset.rounding
        if rounding.at == "leaf":
            final = quantize(final, rounding.places, rounding.mode)
        return NodeResult(
            id=node.id,
            label_vi=node.label_vi,
            label_en=node.label_en,
            max_points=node.max_points,
            extra=outside,
            assessed_by=node.source,
            rule_kind=rule.kind,
            value=value_text,
            value_en=value_en,
            self_points=self_points,
            evidence_points=evidence_points,
            appraised_points=appraised,
            appraisal_round=round_no,
            appraisal_reason=reason,
            appraisal_history=self.history(node.id),
            final_points=final,
            lost=_lost(node.max_points, final, outside),
            flags=tuple(flags),
        )

    def history(self, leaf_id: str) -> tuple[RoundScore, ...]:
        """Every round's score of the leaf; a leaf no round scores has none (most leaves: the
        rounds are not walked for them)."""
        if self.appraisal is None or leaf_id not in self.adjustments:
            return ()
        return tuple(
            RoundScore(
                round=number,
                score=adj.score,
                reason=adj.reason,
                explanation_required=adj.explanation_required,
                explanation=adj.explanation,
                supplementary=adj.supplementary,
            )
            for number, adj in self.appraisal.history(leaf_id)
        )

    def survey_points(self, node: Node, rule: Rule, flags: list[Flag]) -> Decimal | None:
        result = self.survey.leaves.get(node.id) if self.survey is not None else None
        evidence = self.assessment.leaves.get(node.id)
        if result is None and evidence is not None and evidence.value is not None:
            return rule.score(evidence.value)
        if result is None:
            flags.append("missing_survey")
            return None
        if result.points is not None:
            if result.points < rule.min_points or result.points > node.max_points:
                raise EvidenceError(
                    msg(
                        "survey gives {points} points, outside [0, {high}]",
                        points=result.points,
                        high=node.max_points,
                    ),
                    code="survey_out_of_range",
                )
            return result.points
        if result.distribution is not None:
            return rule.score(result.distribution)
        if result.groups:
            points, groups = combine_groups(self.cset, node, rule, result)
            self.survey_groups[node.id] = groups
            return points
        flags.append("missing_survey")
        return None
