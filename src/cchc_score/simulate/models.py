"""What the simulator answers, as frozen pydantic models (``model_dump_json`` for programs).

Totals, indexes, ranks and bands in these models are the engine's: every plan is applied to a
copy of the assessment and scored again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from cchc_score.i18n import Label
from cchc_score.model.base import Frozen
from cchc_score.model.criteria import Band, TiePolicy
from cchc_score.model.evidence import EvidenceValue

from .objectives import Against

#: What a step does: bring new evidence, or explain an appraisal cut with supplementary
#: evidence (the evidence value unchanged). Left out of the JSON for evidence, as before.
Action = Literal["evidence", "explanation"]


def _evidence(action: str) -> bool:
    return action == "evidence"


#: What a plan was made for: an objective (``objectives``), a point of the frontier, or an
#: alternative to another plan.
Purpose = Literal["target_rank", "target_band", "budget", "frontier", "alternative"]


class PlanStep(Frozen):
    """One change of a plan, with the unit's standing once the steps up to it are done."""

    leaf_id: str
    label_vi: str
    label_en: str
    from_points: Decimal
    to_points: Decimal
    #: The evidence value before and after, in words (Vietnamese; ``*_en`` in English).
    from_value: str | None = None
    from_value_en: str | None = None
    to_value: str
    to_value_en: str | None = None
    #: The evidence value before and after, as an assessment's ``value`` (a level key, a number,
    #: ``true``; a survey leaf's answer distribution): what to type into the assessment.
    from_evidence: EvidenceValue = None
    to_evidence: EvidenceValue = None
    to_label_vi: str
    to_label_en: str
    #: Points the leaf gains (the total may gain less where a parent is capped).
    gain: Decimal
    cost: Decimal
    total_after: Decimal
    rank_after: int
    action: Action = Field(default="evidence", exclude_if=_evidence)

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)

    @property
    def to_label(self) -> Label:
        """The to label in Vietnamese and English."""
        return Label(self.to_label_vi, self.to_label_en)

    def values(self, lang: str) -> tuple[str | None, str]:
        """The evidence value before and after, in words, in ``lang``."""
        if lang == "vi":
            return self.from_value, self.to_value
        return self.from_value_en or self.from_value, self.to_value_en or self.to_value


class Plan(Frozen):
    """A set of changes, re-scored by the engine."""

    objective: Purpose
    steps: tuple[PlanStep, ...]
    total_cost: Decimal
    total_before: Decimal
    new_total: Decimal
    new_index: Decimal
    new_band: Band | None = None
    rank_before: int
    new_rank: int
    #: True when no cheaper plan meets the objective (then fewer changes at equal cost); for an
    #: alternative, no cheaper plan that leaves out the changes it was asked to avoid.
    proven_optimal: bool
    notes: tuple[str, ...] = ()
    #: For a target rank: what the peers' indexes were taken to be (as given, or as expected),
    #: the margin added to each, and the least index meeting the target against them.
    against: Against = "current"
    margin: Decimal = Decimal(0)
    target_index: Decimal | None = None
    #: The other units that share the plan's new rank (same index): the plan only ties them.
    ties_with: tuple[str, ...] = ()

    @property
    def gain(self) -> Decimal:
        return self.new_total - self.total_before

    @property
    def changes(self) -> frozenset[str]:
        return frozenset(f"{s.leaf_id}={s.to_value}" for s in self.steps)


class Opportunity(Frozen):
    """One improvement on its own: what it adds to the total, the rank it reaches, its cost."""

    leaf_id: str
    label_vi: str
    label_en: str
    from_points: Decimal
    to_points: Decimal
    to_value: str
    to_value_en: str | None = None
    #: The evidence value reaching the outcome, as an assessment's ``value``.
    to_evidence: EvidenceValue = None
    to_label_vi: str
    to_label_en: str
    #: What the unit's total gains (a capped parent may absorb part of the leaf's gain).
    gain: Decimal
    new_total: Decimal
    rank: int
    rank_gain: int
    cost: Decimal
    #: Total points gained per unit of cost; None when the improvement is free.
    gain_per_cost: Decimal | None = None
    #: Prerequisites done with it (leaf id → points reached), included in gain, rank and cost.
    prerequisites: dict[str, Decimal] = Field(default_factory=dict)
    action: Action = Field(default="evidence", exclude_if=_evidence)

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)

    @property
    def to_label(self) -> Label:
        """The to label in Vietnamese and English."""
        return Label(self.to_label_vi, self.to_label_en)


class FrontierPoint(Frozen):
    """The least cost of reaching a rank, and the plan that does it."""

    rank: int
    min_cost: Decimal
    total: Decimal
    plan: Plan


class PeerMove(Frozen):
    """An assumption of the odds: how ``peers`` of the other units may move by the next
    assessment (index points): an expected change, and a spread (standard deviation)."""

    peers: int
    expected_change: Decimal
    sd: Decimal


class RankOdds(Frozen):
    """P(rank ≤ target) now and with each plan, when peers' next indexes are uncertain."""

    target_rank: int
    #: What the odds assume of the other units, one entry per distinct forecast (most first).
    assumptions: tuple[PeerMove, ...] = ()
    now: float
    plans: dict[str, float] = Field(default_factory=dict)
    #: P(rank = r) for r = 1, 2, … now, and with the main plan.
    distribution_now: tuple[float, ...] = ()
    distribution_plan: tuple[float, ...] = ()


#: Why a leaf is held fixed: locked by the cost table, not priced by it, a survey leaf, a
#: bonus/penalty leaf (the last two unless the table makes them actionable).
FIXED_STATUSES = ("locked", "not_priced", "survey", "bonus")


class LeafNote(Frozen):
    """A leaf the planner cannot change, and why (one of ``FIXED_STATUSES``)."""

    leaf_id: str
    status: str


class Simulation(Frozen):
    """Everything the simulator says about one unit."""

    unit: str
    unit_id: str | None = None
    block: str
    year: int
    criteria_set: str
    set_version: str
    tie_policy: TiePolicy
    cost_unit_vi: str
    cost_unit_en: str
    peers: int
    total: Decimal
    index: Decimal
    band: Band | None = None
    rank: int
    opportunities: tuple[Opportunity, ...] = ()
    plan: Plan | None = None
    #: Why there is no plan (the target cannot be reached under the constraints).
    no_plan_reason: str | None = None
    frontier: tuple[FrontierPoint, ...] = ()
    alternatives: tuple[Plan, ...] = ()
    odds: RankOdds | None = None
    fixed_leaves: tuple[LeafNote, ...] = ()
    #: The year of the other units' results when it is not the unit's own (``year``): a draft
    #: self-assessment planned against last year's published results.
    peers_year: int | None = None

    @property
    def cost_unit(self) -> Label:
        """The cost unit in Vietnamese and English."""
        return Label(self.cost_unit_vi, self.cost_unit_en)
