"""The workspace's one door to the engine and the simulator: scoring an edited submission, its
rank and odds among peers, each leaf's reachable outcomes, plans.

Every direct call into ``cchc_score.engine`` and ``cchc_score.simulate`` from the web package is
here, so that following a change of their API is a change of this module only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result
from cchc_score.rules import Rule
from cchc_score.simulate import (
    CostTable,
    Forecast,
    LeafCost,
    Simulation,
    load_costs,
    pack_costs,
    simulate,
)
from cchc_score.simulate.inputs import COSTS_FILE
from cchc_score.simulate.inputs import is_cost_table as _is_cost_table
from cchc_score.simulate.odds import PeerForecast, p_rank_at_most
from cchc_score.simulate.options import Option, apply_changes, apply_plan
from cchc_score.simulate.standing import Standings

#: The spread assumed for the other units' next index when the odds are shown (index points).
PEER_SD = Decimal("1.5")

InputKind = Literal["levels", "check", "number", "fixed"]


class EditError(CchcScoreError):
    """A value typed into the editor that the leaf's rule does not accept."""

    code = "invalid_edit"


@dataclass(frozen=True)
class Choice:
    """A value a leaf can take, in words, with its points."""

    value: str
    label_vi: str
    label_en: str
    points: Decimal

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class LeafRow:
    """One leaf in the editor: its evidence on file, what it can still reach, the value tried."""

    id: str
    label_vi: str
    label_en: str
    max_points: Decimal
    input: InputKind
    original_text: str
    original_words_vi: str
    original_words_en: str
    original_points: Decimal
    reach: tuple[Choice, ...]
    levels: tuple[Choice, ...] = ()
    #: The appraisers scored the leaf below its evidence: proving the claim is an edit too.
    adjusted: bool = False
    claimed_points: Decimal | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def original_words(self, lang: str) -> str:
        return self.original_words_en if lang == "en" else self.original_words_vi


@dataclass(frozen=True)
class Standing:
    """An edited submission scored and placed: result, rank, units, odds of holding the rank."""

    result: Result
    rank: int
    of: int
    odds: float | None
    points: dict[str, Decimal] = field(default_factory=dict)


def rules_of(cset: CriteriaSet, rule_kinds: Mapping[str, type[Rule]]) -> dict[str, Rule]:
    return dict(cset.compile_rules(rule_kinds))


def score_doc(cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile) -> Result:
    """Score a submission held in memory (an error names the leaf, not a file)."""
    return score(cset, *doc.parts(), rules=rules)


def value_text(value: Any) -> str:
    """An evidence value as the editor's form carries it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _input_kind(rule: Rule, source: str) -> InputKind:
    if source == "survey" or rule.kind in {"bonus", "survey"}:
        return "fixed"
    if rule.kind == "levels":
        return "levels"
    if rule.kind == "binary":
        return "check"
    return "number"


def leaf_rows(
    cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile, result: Result
) -> list[LeafRow]:
    """Every leaf of the set with its evidence on file and the outcomes it can still reach."""
    scored = {n.id: n for n in result.walk()}
    rows = []
    for node in cset.leaves():
        rule = rules[node.id]
        evidence = doc.leaves.get(node.id)
        value = evidence.value if evidence is not None else None
        kind = _input_kind(rule, node.source)
        reach: tuple[Choice, ...] = ()
        levels: tuple[Choice, ...] = ()
        if kind != "fixed":
            try:
                outcomes = rule.outcomes(value)
            except CchcScoreError:
                outcomes = []
            reach = tuple(
                Choice(value_text(o.value), o.label_vi, o.label_en, o.points) for o in outcomes
            )
        if kind == "levels":
            levels = tuple(
                Choice(level.key, level.label_vi, level.label_en, level.points)
                for level in rule.params.levels
            )
        done = scored[node.id]
        rows.append(
            LeafRow(
                id=node.id,
                label_vi=node.label_vi,
                label_en=node.label_en,
                max_points=node.max_points,
                input=kind,
                original_text=value_text(False if kind == "check" and value is None else value),
                original_words_vi=done.value or "–",
                original_words_en=done.value_en or done.value or "–",
                original_points=done.final_points,
                reach=reach,
                levels=levels,
                adjusted=done.appraisal_round is not None,
                claimed_points=done.evidence_points,
            )
        )
    return rows


def parse_value(rule: Rule, leaf_id: str, text: str) -> Any:
    """A value typed or picked in the editor, checked by the leaf's rule (decimal commas
    accepted); an EditError names the leaf and the value."""
    text = text.strip()
    value: Any = text
    if rule.kind == "binary":
        value = text.lower() in {"true", "1", "on", "yes"}
    elif rule.kind != "levels":
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise EditError(f"leaf {leaf_id}: {text!r} is not a number / không phải số") from None
        if not value.is_finite():
            raise EditError(f"leaf {leaf_id}: {text!r} is not a number / không phải số")
    try:
        rule.score(value)
    except CchcScoreError as exc:
        raise EditError(f"leaf {leaf_id}: {exc.message}") from None
    return value


def edits_of(
    cset: CriteriaSet, rules: Mapping[str, Rule], rows: Sequence[LeafRow], form: Mapping[str, str]
) -> dict[str, Any]:
    """The leaves whose submitted value differs from the file's, or whose claim is proved
    (``prove.<id>``: the appraisers' adjustment dropped), with their checked values."""
    out: dict[str, Any] = {}
    for row in rows:
        text = form.get(f"v.{row.id}")
        if row.input == "fixed" or text is None:
            continue
        if row.adjusted and form.get(f"prove.{row.id}"):
            out[row.id] = parse_value(rules[row.id], row.id, text or row.original_text)
            continue
        if text.strip() == row.original_text:
            continue
        value = parse_value(rules[row.id], row.id, text)
        if value_text(value) != row.original_text and not (
            row.input == "number" and row.original_text and _same_number(value, row.original_text)
        ):
            out[row.id] = value
    return out


def _same_number(value: Any, text: str) -> bool:
    try:
        return bool(Decimal(text) == value)
    except InvalidOperation:
        return False


def apply_edits(
    cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile, edits: Mapping[str, Any]
) -> AssessmentFile:
    """The submission with each edited leaf's new evidence (its appraisal adjustment dropped,
    as the simulator does when it applies a change)."""
    if not edits:
        return doc
    changes = {
        k: Option(k, v, rules[k].score(v), Decimal(0), Decimal(0), "", "") for k, v in edits.items()
    }
    sources = {k: cset.index[k].source for k in edits}
    assessment, appraisal, survey = apply_changes(*doc.parts(), changes, sources)
    return AssessmentFile.model_validate(
        {**assessment.model_dump(), "appraisal": appraisal, "survey": survey}
    )


def stand(cset: CriteriaSet, result: Result, peers: Sequence[Entry]) -> Standing:
    """Rank a scored submission among its peers; the odds of holding that rank."""
    standings = Standings(cset, peers)
    rank = standings.rank_of(result)
    forecasts = [PeerForecast(index=p.index, sd=PEER_SD) for p in peers]
    odds = p_rank_at_most(result.index, rank, forecasts, cset, standings.policy) if peers else None
    points = {n.id: n.final_points for n in result.walk()}
    return Standing(result, rank, standings.size, odds, points)


def with_locks(costs: CostTable | None, locked: Sequence[str]) -> CostTable | None:
    """The cost table with the leaves the user locked held fixed."""
    if not locked:
        return costs
    table = costs or CostTable()
    leaves = dict(table.leaves)
    for leaf_id in locked:
        entry = leaves.get(leaf_id) or table.default or LeafCost()
        leaves[leaf_id] = entry.model_copy(update={"locked": True})
    return table.model_copy(update={"leaves": leaves})


Objective = Literal["rank", "band", "budget"]


def objective_of(objective: str, target: str) -> dict[str, Any]:
    """The simulator's keyword for an objective typed in a page (decimal commas accepted); an
    EditError names the bad target."""
    text = target.strip()
    try:
        if objective == "rank":
            return {"target_rank": int(text)}
        if objective == "band":
            return {"target_band": text}
        if objective == "budget":
            budget = Decimal(text.replace(",", "."))
            if budget.is_finite():
                return {"budget": budget}
    except (ValueError, InvalidOperation):
        pass
    raise EditError(f"{objective}: {text!r} is not a valid target / mục tiêu không hợp lệ")


def plan(
    cset: CriteriaSet,
    rules: Mapping[str, Rule],
    doc: AssessmentFile,
    peers: Sequence[Entry],
    costs: CostTable | None,
    *,
    target_rank: int | None = None,
    target_band: str | None = None,
    budget: Decimal | None = None,
    alternatives: int = 0,
) -> Simulation:
    """The proven-optimal plan for the objective given (if any), the opportunities, the
    cost-per-rank frontier and the odds with the peers' indexes spread by ``PEER_SD``."""
    assessment, appraisal, survey = doc.parts()
    return simulate(
        cset,
        assessment,
        appraisal,
        survey,
        peers=list(peers),
        costs=costs,
        rules=rules,
        target_rank=target_rank,
        target_band=target_band,
        budget=budget,
        alternatives=alternatives,
        default_forecast=Forecast(sd=PEER_SD),
    )


def plan_edits(sim: Simulation) -> dict[str, Any]:
    """The plan's changes as editor values (leaf id → evidence value)."""
    if sim.plan is None:
        return {}
    return {s.leaf_id: s.to_evidence for s in sim.plan.steps}


def planned_doc(cset: CriteriaSet, doc: AssessmentFile, sim: Simulation) -> AssessmentFile:
    """The submission with the plan applied."""
    return doc if sim.plan is None else apply_plan(cset, doc, sim.plan)


def is_cost_table(path: Path) -> bool:
    """A cost table kept beside the assessments (passed over when a folder is loaded)."""
    return bool(_is_cost_table(path))


def costs_for(
    path: Path | None, roots: Sequence[Path], pack_source: str | None
) -> tuple[CostTable | None, Path | None]:
    """The cost table of a unit: the nearest ``costs.yaml`` from its file's folder up to the
    folder served, else one at the top of a folder served (an uploaded file), else the pack's;
    None: one per point gained."""
    candidates: list[Path] = []
    if path is not None:
        top = next((r for r in roots if r in path.parents), None)
        for folder in path.parents:
            candidates.append(folder / COSTS_FILE)
            if top is None or folder == top:
                break
    else:
        candidates.extend(r / COSTS_FILE for r in roots if r.is_dir())
    found = next((c for c in candidates if c.is_file()), None) or pack_costs(pack_source)
    if found is None:
        return None, None
    return load_costs(found), found


def check_costs(
    costs: CostTable, cset: CriteriaSet, rules: Mapping[str, Rule], source: Path
) -> None:
    """A cost table that does not fit the set is an error naming its file."""
    try:
        costs.check_against(cset, rules)
    except CchcScoreError as exc:
        raise exc.located(file=str(source)) from None
