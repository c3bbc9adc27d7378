"""What a unit submits (assessment), what the appraisers change (appraisal), survey results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import BeforeValidator, Field, model_validator

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import msg

from .base import Frozen


def normalize_value(value: Any) -> Any:
    """Canonical form of an evidence value: numbers (and numeric text) become Decimal.

    Keeps JSON round trips lossless: a Decimal is written as exact text and read back as Decimal.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        number = to_decimal(value)
        return number if number is not None else value
    if isinstance(value, str):
        number = (
            to_decimal(value) if value.strip()[:1].isdigit() or value.strip()[:1] in "-+." else None
        )
        return number if number is not None and "," not in value else value
    if isinstance(value, dict):
        return {str(k): normalize_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize_value(v) for v in value]
    return value


EvidenceValue = Annotated[Any, BeforeValidator(normalize_value)]


def _string_keys(value: Any) -> Any:
    # YAML reads a leaf id like 1.1 as a number: keep the text the decision prints.
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return value


T = TypeVar("T")
#: A mapping by leaf id; ids typed bare in YAML (1.1) are kept as text.
ByLeaf = Annotated[dict[str, T], BeforeValidator(_string_keys)]


class EvidenceDocument(Frozen):
    """A document proving a claim: decision or report number, date, issuer."""

    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    link: str | None = None


class LeafEvidence(Frozen):
    """A unit's submission for one leaf."""

    value: EvidenceValue = None
    documents: tuple[EvidenceDocument, ...] = ()
    self_score: Decimal | None = None
    note: str | None = None


class Assessment(Frozen):
    """A unit's self-assessment under one criteria set for one year."""

    unit: str = Field(min_length=1)
    unit_id: str | None = None
    block: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    criteria_set: str
    set_version: str | None = None
    leaves: ByLeaf[LeafEvidence] = Field(default_factory=dict)


class Adjustment(Frozen):
    """An appraiser's score for one leaf in one round, with the reason (the appraiser's note);
    and the explanation loop that follows it: whether the appraisers ask the unit to explain
    (*yêu cầu giải trình*), the unit's explanation (*giải trình*) and the supplementary evidence
    documents it brings (*tài liệu kiểm chứng bổ sung*). The next round decides."""

    score: Decimal
    reason: str = Field(min_length=1)
    explanation_required: bool = False
    explanation: str | None = Field(default=None, min_length=1)
    supplementary: tuple[EvidenceDocument, ...] = ()

    @property
    def explained(self) -> bool:
        """The unit answered this score: an explanation or supplementary documents."""
        return self.explanation is not None or bool(self.supplementary)


class AppraisalRound(Frozen):
    """One round of the appraisal: who, when, each leaf's score; ``explanation_deadline`` is the
    date by which the unit must explain the leaves this round flags (*hạn giải trình*)."""

    round: int = Field(ge=1, le=9)
    by: str | None = None
    date: dt.date | None = None
    explanation_deadline: dt.date | None = None
    adjustments: ByLeaf[Adjustment] = Field(default_factory=dict)


class Appraisal(Frozen):
    """The appraisal council's adjustments, possibly in several rounds; for each leaf the last
    round that scores it wins (round 2 when present, else round 1)."""

    rounds: tuple[AppraisalRound, ...] = ()

    def ordered(self) -> list[AppraisalRound]:
        """The rounds by number, first to last."""
        return sorted(self.rounds, key=lambda r: r.round)

    def final(self) -> dict[str, tuple[int, Adjustment]]:
        out: dict[str, tuple[int, Adjustment]] = {}
        for rnd in self.ordered():
            for leaf_id, adjustment in rnd.adjustments.items():
                out[leaf_id] = (rnd.round, adjustment)
        return out

    def history(self, leaf_id: str) -> list[tuple[int, Adjustment]]:
        """Every round's score of ``leaf_id``, first to last: (round, adjustment)."""
        return [
            (rnd.round, rnd.adjustments[leaf_id])
            for rnd in self.ordered()
            if leaf_id in rnd.adjustments
        ]

    def round(self, number: int) -> AppraisalRound | None:
        """The round numbered ``number``, or None."""
        return next((r for r in self.rounds if r.round == number), None)

    def up_to(self, number: int) -> Appraisal:
        """The appraisal as it stood after round ``number``: later rounds left out."""
        return Appraisal(rounds=tuple(r for r in self.rounds if r.round <= number))


class SurveyGroupResult(Frozen):
    """One respondent group's answers to a survey leaf: a distribution, or its points."""

    distribution: dict[str, Decimal] | None = None
    points: Decimal | None = None
    respondents: int | None = Field(default=None, ge=0)


class SurveyLeaf(Frozen):
    """A survey leaf's result: the answer distribution, or the points already computed, or
    the results of each respondent group (``groups``, by group code), combined as the set says.
    """

    distribution: dict[str, Decimal] | None = None
    points: Decimal | None = None
    respondents: int | None = Field(default=None, ge=0)
    groups: dict[str, SurveyGroupResult] = Field(
        default_factory=dict, exclude_if=lambda groups: not groups
    )

    @model_validator(mode="after")
    def _groups_or_whole(self) -> SurveyLeaf:
        if self.groups and (
            self.distribution is not None or self.points is not None or self.respondents is not None
        ):
            raise ValueError(
                msg(
                    "give a survey leaf's results either per group or for all respondents, not both"
                )
            )
        return self


class Survey(Frozen):
    leaves: ByLeaf[SurveyLeaf] = Field(default_factory=dict)


class Submission(Frozen):
    """What is scored for one unit and year: its assessment, the appraisal of it and the survey
    results, travelling together.

    An ``AssessmentFile`` given as the assessment brings its own appraisal and survey, used
    where none is given.
    """

    assessment: Assessment
    appraisal: Appraisal | None = None
    survey: Survey | None = None

    @model_validator(mode="before")
    @classmethod
    def _split_file(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("assessment"), AssessmentFile):
            own = data["assessment"].submission
            data = {
                **data,
                "assessment": own.assessment,
                "appraisal": data.get("appraisal") or own.appraisal,
                "survey": data.get("survey") or own.survey,
            }
        return data

    def as_of_round(self, number: int) -> Submission:
        """The submission as it stood after appraisal round ``number`` (later rounds left
        out): what the unit is notified of after round 1."""
        if self.appraisal is None:
            return self
        return self.model_copy(update={"appraisal": self.appraisal.up_to(number)})

    @classmethod
    def of(cls, given: Submission | Assessment) -> Submission:
        """``given`` as a submission: an assessment alone, or a file with what it holds."""
        if isinstance(given, Submission):
            return given
        if isinstance(given, AssessmentFile):
            return given.submission
        return cls(assessment=given)


class AssessmentFile(Assessment):
    """The file a unit or an appraiser keeps: the assessment with its appraisal and survey."""

    appraisal: Appraisal | None = None
    survey: Survey | None = None
    kind: Literal["assessment"] = "assessment"

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with ``update`` applied; its ``submission`` is built from the copy (the
        cached one of this file would carry the old appraisal or leaves)."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("submission", None)
        return copy

    @cached_property
    def submission(self) -> Submission:
        """The file's assessment, appraisal and survey as one submission."""
        # The fields are validated already: hand them over instead of dumping and validating
        # them again (a third of the time of reading a file).
        fields = {name: getattr(self, name) for name in Assessment.model_fields}
        return Submission(
            assessment=Assessment.model_construct(**fields),
            appraisal=self.appraisal,
            survey=self.survey,
        )
