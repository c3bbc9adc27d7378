"""Survey results as run: respondent groups combined as the set says, and the no-survey rule.

A survey leaf's result may come per respondent group (People's Council delegates, leaders,
civil servants, people and businesses …), each with its answer distribution (weighted by the
leaf's survey rule, e.g. A 100 %, B 60 %, C 20 %, D 0 %) or its points, and its number of
respondents. The leaf's points are the groups' points averaged with weights:

- ``combine: respondents`` (the default): each group weighs as its number of respondents, so
  the result is that of the pooled sample;
- ``combine: weights``: each group weighs as the set's ``weight`` for it, normalised over the
  groups that answered the leaf (a questionnaire not put to a group leaves it out).

When a set says ``absent: rescale`` and a unit's submission holds no survey result at all, its
appraised points are brought to the full scale: the points of the areas counted in the maxima
× total maximum / their appraised maximum (e.g. 56 of 70 appraised points → 80 of 100); top-level
bonus/penalty content is added afterwards, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .errors import EvidenceError, msg
from .model.criteria import CriteriaSet, Node
from .model.evidence import Assessment, Survey, SurveyGroupResult, SurveyLeaf
from .model.survey import GroupPoints
from .rules import Rule

ZERO = Decimal(0)


def combine_groups(
    cset: CriteriaSet, node: Node, rule: Rule, result: SurveyLeaf
) -> tuple[Decimal, tuple[GroupPoints, ...]]:
    """The leaf's points from its groups' results, and each group's part.

    Raises EvidenceError naming the group when it is not one of the set's groups, gives
    neither a distribution nor points, gives points out of range, or lacks the respondents
    or weight the combination needs.
    """
    settings = cset.survey
    combine = settings.combine if settings is not None else "respondents"
    listed = settings.groups if settings is not None else ()
    parts: list[tuple[str, str, str, Decimal, Decimal, SurveyGroupResult]] = []
    for code, given in result.groups.items():
        group = settings.group(code) if settings is not None else None
        if listed and group is None:
            raise EvidenceError(
                msg(
                    "survey group {group!r} is not one of the set's groups ({known})",
                    group=code,
                    known=", ".join(g.code for g in listed),
                ),
                code="unknown_survey_group",
            )
        if given.points is not None:
            if given.points < rule.min_points or given.points > node.max_points:
                raise EvidenceError(
                    msg(
                        "survey group {group!r} gives {points} points, outside [0, {high}]",
                        group=code,
                        points=given.points,
                        high=node.max_points,
                    ),
                    code="survey_out_of_range",
                )
            points = given.points
        elif given.distribution:
            points = rule.score(given.distribution)
        else:
            raise EvidenceError(
                msg(
                    "survey group {group!r} gives neither an answer distribution nor points",
                    group=code,
                ),
                code="missing_survey_group_result",
            )
        if combine == "weights":
            assert group is not None and group.weight is not None  # checked with the set
            weight = group.weight
        elif given.respondents is None:
            raise EvidenceError(
                msg(
                    "survey group {group!r} needs its number of respondents: the set weighs"
                    " groups by sample size",
                    group=code,
                ),
                code="missing_respondents",
            )
        else:
            weight = Decimal(given.respondents)
        label_vi = group.label_vi if group is not None else code
        label_en = group.label_en if group is not None else code
        parts.append((code, label_vi, label_en, points, weight, given))
    total_weight = sum((w for *_rest, w, _g in parts), ZERO)
    if total_weight <= 0:
        raise EvidenceError(
            msg("the survey groups of this leaf have no respondents: nothing to combine"),
            code="missing_respondents",
        )
    combined = sum((p * w for *_rest, p, w, _g in parts), ZERO) / total_weight
    groups = tuple(
        GroupPoints(
            code=code,
            label_vi=label_vi,
            label_en=label_en,
            respondents=given.respondents,
            distribution=_shares(given.distribution),
            points=points,
            share=weight / total_weight,
        )
        for code, label_vi, label_en, points, weight, given in parts
    )
    return combined, groups


def _shares(distribution: dict[str, Decimal] | None) -> dict[str, Decimal] | None:
    """Answer counts or shares as percentages (2 decimals are enough to read them)."""
    if not distribution:
        return None
    total = sum(distribution.values(), ZERO)
    if total <= 0:
        return None
    return {a: (n * 100 / total).quantize(Decimal("0.01")) for a, n in distribution.items()}


def survey_absent(cset: CriteriaSet, assessment: Assessment, survey: Survey | None) -> bool:
    """No survey result at all: no survey leaf has a result in the survey or the leaves."""
    survey_ids = [leaf.id for leaf in cset.leaves() if leaf.source == "survey"]
    if not survey_ids:
        return False
    given = survey.leaves if survey is not None else {}
    for leaf_id in survey_ids:
        if leaf_id in given:
            return False
        evidence = assessment.leaves.get(leaf_id)
        if evidence is not None and evidence.value is not None:
            return False
    return True


def appraised_maximum(cset: CriteriaSet) -> Decimal:
    """The maximum of the appraised leaves counted in the set's maxima (bonus/penalty content,
    outside the maxima, is left out)."""

    def counted(node: Node) -> Decimal:
        if node.extra:
            return ZERO
        if node.is_leaf:
            return node.max_points if node.source == "appraisal" else ZERO
        return sum((counted(child) for child in node.children), ZERO)

    return sum((counted(root) for root in cset.nodes), ZERO)


def rescaled_total(
    cset: CriteriaSet, roots: Iterable[tuple[bool, Decimal]]
) -> tuple[Decimal, Decimal] | None:
    """The total brought to the full scale, and the appraised maximum it was scaled from;
    None when the set has no appraised points to scale.

    Args:
        roots: (extra, final points) of each top-level node.
    """
    most = appraised_maximum(cset)
    if most <= 0 or most == cset.total_max:
        return None
    counted = ZERO
    outside = ZERO
    for extra, points in roots:
        if extra:
            outside += points
        else:
            counted += points
    return counted * cset.total_max / most + outside, most
