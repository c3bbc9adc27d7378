"""The scored tree: per node points at each stage, points lost, flags; total, index, band."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import Field

from cchc_score.i18n import Label

from .base import Frozen
from .criteria import AssessedBy, Band
from .evidence import EvidenceDocument
from .survey import GroupPoints

Flag = Literal[
    "missing_evidence",
    "value_out_of_range",
    "missing_documents",
    "missing_survey",
    "self_score_differs",
    "self_score_out_of_range",
    "appraisal_adjusted",
    "explanation_required",
    "capped",
    "not_in_set",
]


class RoundScore(Frozen):
    """A leaf's score in one appraisal round, with the explanation loop around it (see
    :class:`~cchc_score.model.evidence.Adjustment`)."""

    round: int
    score: Decimal
    reason: str
    explanation_required: bool = False
    explanation: str | None = None
    supplementary: tuple[EvidenceDocument, ...] = ()

    @property
    def explained(self) -> bool:
        """The unit answered this score: an explanation or supplementary documents."""
        return self.explanation is not None or bool(self.supplementary)


def _empty(value: tuple[RoundScore, ...]) -> bool:
    return not value


class NodeResult(Frozen):
    """Points of one node. Stages: self-claimed, computed from evidence, appraised, final."""

    id: str
    label_vi: str
    label_en: str
    max_points: Decimal
    #: In bonus/penalty content outside the maxima; its ``lost`` is the penalty only.
    extra: bool = False
    assessed_by: AssessedBy | None = None
    rule_kind: str | None = None
    #: The evidence value in words (Vietnamese; ``value_en`` in English).
    value: str | None = None
    value_en: str | None = None
    self_points: Decimal | None = None
    evidence_points: Decimal | None = None
    appraised_points: Decimal | None = None
    appraisal_round: int | None = None
    appraisal_reason: str | None = None
    #: Every appraisal round's score of the leaf, first to last (the last decides); left out
    #: of the JSON when no round scores the leaf.
    appraisal_history: tuple[RoundScore, ...] = Field(default=(), exclude_if=_empty)
    final_points: Decimal
    lost: Decimal
    flags: tuple[Flag, ...] = ()
    children: tuple[NodeResult, ...] = ()

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)

    def walk(self) -> Iterator[NodeResult]:
        yield self
        for child in self.children:
            yield from child.walk()


class Result(Frozen):
    """A unit's scored assessment."""

    unit: str
    unit_id: str | None = None
    block: str
    year: int
    criteria_set: str
    set_version: str
    total: Decimal
    unrounded_total: Decimal
    total_max: Decimal
    index: Decimal
    band: Band | None = None
    self_total: Decimal | None = None
    appraisal_total: Decimal
    survey_total: Decimal
    flag_counts: dict[str, int] = Field(default_factory=dict)
    nodes: tuple[NodeResult, ...]
    #: Survey leaves answered per respondent group: each group's part, by leaf id.
    survey_groups: dict[str, tuple[GroupPoints, ...]] = Field(
        default_factory=dict, exclude_if=lambda groups: not groups
    )
    #: No survey was run and the set rescales: the appraised maximum the total was scaled
    #: from to ``total_max`` (e.g. 70 → 100).
    rescaled_from: Decimal | None = Field(default=None, exclude_if=lambda most: most is None)

    @property
    def rescaled_points(self) -> Decimal | None:
        """The appraised points that were rescaled to the full scale (those of the areas counted
        in the maxima; bonus/penalty content is added after), or None when nothing was."""
        if self.rescaled_from is None:
            return None
        return sum((root.final_points for root in self.nodes if not root.extra), Decimal(0))

    def walk(self) -> Iterator[NodeResult]:
        for root in self.nodes:
            yield from root.walk()

    def node(self, node_id: str) -> NodeResult:
        for node in self.walk():
            if node.id == node_id:
                return node
        raise KeyError(node_id)
