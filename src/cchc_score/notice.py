"""The notice of an appraisal round's result (*Thông báo kết quả thẩm định lần N*): what the
appraisers cut and why, which leaves the unit must explain, and by when. No I/O.

A deduction is a leaf of the appraised part whose points after the round are below what the unit
claimed: its self-score, or, without one, what its evidence scores. Its reason is the appraisers'
note when a round up to N scores the leaf; otherwise the engine's (no evidence value, or an
evidence value that scores less than the self-score).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from .engine import score
from .errors import UnknownIdError, msg
from .i18n import Label, Lang, nt, number, t
from .model.base import Frozen
from .model.criteria import Band, CriteriaSet
from .model.evidence import Assessment, EvidenceDocument, Submission
from .model.result import NodeResult

ZERO = Decimal(0)

#: Where a deduction's reason comes from: the appraisers' note, or the engine.
Because = Literal["appraisal", "evidence", "missing_evidence"]


class NoticeLeaf(Frozen):
    """A leaf the notice names: cut by the round, or flagged for an explanation, or both."""

    leaf_id: str
    label_vi: str
    label_en: str
    max_points: Decimal
    #: What the unit claimed: its self-score, or what its evidence scores.
    claimed: Decimal | None = None
    #: The points after the round.
    points: Decimal
    #: Points cut (claimed − points); 0 for a leaf only flagged.
    cut: Decimal = ZERO
    because: Because = "appraisal"
    #: The appraisers' note, when a round scores the leaf.
    reason: str | None = None
    #: The evidence value in words (Vietnamese; ``value_en`` in English).
    value: str | None = None
    value_en: str | None = None
    explanation_required: bool = False
    #: The unit's explanation and supplementary documents already given, if any.
    explanation: str | None = None
    supplementary: tuple[EvidenceDocument, ...] = ()

    @property
    def label(self) -> Label:
        return Label(self.label_vi, self.label_en)

    def reason_text(self, lang: str) -> str:
        """Why the leaf lost points, in ``lang``."""
        if self.because == "missing_evidence":
            return t("no evidence value was given", lang)
        if self.because == "evidence":
            value = self.value_en if lang == "en" and self.value_en else self.value
            return t("the evidence ({value}) scores less than the self-score", lang, value=value)
        return self.reason or ""


class Notice(Frozen):
    """The result of appraisal round ``round`` of one unit, as the unit is notified of it."""

    unit: str
    unit_id: str | None = None
    block: str
    year: int
    criteria_set: str
    set_version: str
    round: int
    by: str | None = None
    date: dt.date | None = None
    explanation_deadline: dt.date | None = None
    #: The unit's self-scores of the appraised part, summed (None: no self-score given).
    self_total: Decimal | None = None
    #: The appraised part after the round.
    appraised_total: Decimal
    survey_total: Decimal
    total: Decimal
    total_max: Decimal
    index: Decimal
    band: Band | None = None
    leaves: tuple[NoticeLeaf, ...] = ()

    @property
    def deductions(self) -> tuple[NoticeLeaf, ...]:
        """Every leaf cut, in the set's order."""
        return tuple(leaf for leaf in self.leaves if leaf.cut > 0)

    @property
    def to_explain(self) -> tuple[NoticeLeaf, ...]:
        """The leaves the unit must explain, in the set's order."""
        return tuple(leaf for leaf in self.leaves if leaf.explanation_required)

    @property
    def cut_total(self) -> Decimal:
        return sum((leaf.cut for leaf in self.deductions), ZERO)

    @property
    def difference(self) -> Decimal | None:
        """The appraised part after the round minus the self-assessed total."""
        return None if self.self_total is None else self.appraised_total - self.self_total


def notice(
    criteria_set: CriteriaSet, submission: Submission | Assessment, round_no: int = 1
) -> Notice:
    """The notice of appraisal round ``round_no`` for the unit's submission: scored as the
    appraisal stood after that round (later rounds left out).

    Raises UnknownIdError when the appraisal has no such round.
    """
    given = Submission.of(submission)
    appraisal = given.appraisal
    rnd = appraisal.round(round_no) if appraisal is not None else None
    if appraisal is None or rnd is None:
        held = sorted(r.round for r in appraisal.rounds) if appraisal is not None else []
        raise UnknownIdError(
            msg(
                "the appraisal has no round {round} (rounds: {rounds})",
                round=round_no,
                rounds=", ".join(map(str, held)) or "-",
            ),
            place="appraisal",
        )
    result = score(criteria_set, given.as_of_round(round_no))
    leaves = [n for n in result.walk() if not n.children and n.assessed_by == "appraisal"]
    claimed = [n.self_points for n in leaves if n.self_points is not None]
    return Notice(
        unit=result.unit,
        unit_id=result.unit_id,
        block=result.block,
        year=result.year,
        criteria_set=result.criteria_set,
        set_version=result.set_version,
        round=round_no,
        by=rnd.by,
        date=rnd.date,
        explanation_deadline=rnd.explanation_deadline,
        self_total=sum(claimed, ZERO) if claimed else None,
        appraised_total=result.appraisal_total,
        survey_total=result.survey_total,
        total=result.total,
        total_max=result.total_max,
        index=result.index,
        band=result.band,
        leaves=tuple(e for e in (_entry(n) for n in leaves) if e is not None),
    )


def _entry(node: NodeResult) -> NoticeLeaf | None:
    """The notice's line for a scored leaf, or None when the leaf is neither cut nor flagged."""
    last = node.appraisal_history[-1] if node.appraisal_history else None
    claimed = node.self_points
    if claimed is None and last is not None:
        claimed = node.evidence_points if node.evidence_points is not None else ZERO
    cut = max(claimed - node.final_points, ZERO) if claimed is not None else ZERO
    flagged = last is not None and last.explanation_required
    if cut == 0 and not flagged:
        return None
    because: Because = "appraisal"
    if last is None:
        because = "missing_evidence" if "missing_evidence" in node.flags else "evidence"
    return NoticeLeaf(
        leaf_id=node.id,
        label_vi=node.label_vi,
        label_en=node.label_en,
        max_points=node.max_points,
        claimed=claimed,
        points=node.final_points,
        cut=cut,
        because=because,
        reason=last.reason if last is not None else None,
        value=node.value,
        value_en=node.value_en,
        explanation_required=flagged,
        explanation=last.explanation if last is not None else None,
        supplementary=last.supplementary if last is not None else (),
    )


def date_text(value: dt.date | None, lang: Lang | str) -> str:
    """A date as the unit reads it: 15/03/2022 in Vietnamese, 2022-03-15 in English."""
    if value is None:
        return t("not set", lang)
    return value.isoformat() if lang == "en" else value.strftime("%d/%m/%Y")


def given_text(leaf: NoticeLeaf, lang: Lang) -> str:
    """The explanation and supplementary documents already given, in one line."""
    parts = [leaf.explanation] if leaf.explanation else []
    parts += [document_text(d, lang) for d in leaf.supplementary]
    return "; ".join(parts) if parts else t("not yet", lang)


def document_text(document: EvidenceDocument, lang: Lang | str = "vi") -> str:
    """A document as cited: number, date (15/03/2022 in Vietnamese), issuer, title."""
    day = date_text(document.date, lang) if document.date is not None else None
    parts = (document.number, day, document.issuer, document.title)
    return ", ".join(p for p in parts if p is not None)


def history_text(node: NodeResult, lang: Lang | str) -> str:
    """A leaf's appraisal rounds in one line, when it went through more than one round or the
    explanation loop ("" otherwise: the reason alone says it): ``Round 1: 0.75 (note;
    explanation required; explained, 1 supplementary document) → Round 2: 1.00``. The deciding
    round's note is left to the reason shown beside it."""
    history = node.appraisal_history
    looped = any(s.explanation_required or s.explained for s in history)
    if len(history) < 2 and not looped:
        return ""
    parts = []
    for i, step in enumerate(history):
        notes = [step.reason] if i < len(history) - 1 else []
        if step.explanation_required:
            notes.append(t("explanation required", lang))
        if step.explained:
            notes.append(
                nt(
                    "explained, {n} supplementary document",
                    "explained, {n} supplementary documents",
                    len(step.supplementary),
                    lang,
                )
                if step.supplementary
                else t("explained", lang)
            )
        said = f" ({'; '.join(notes)})" if notes else ""
        parts.append(
            f"{t('Round {round}', lang, round=step.round)}: {number(step.score, lang)}{said}"
        )
    return " → ".join(parts)


def title(notice_: Notice, lang: str) -> str:
    """The notice's title: *Thông báo kết quả thẩm định lần 1* and the unit."""
    return t("Notice of the appraisal result, round {round}", lang, round=notice_.round)


__all__ = [
    "Notice",
    "NoticeLeaf",
    "date_text",
    "document_text",
    "given_text",
    "history_text",
    "notice",
    "title",
]
