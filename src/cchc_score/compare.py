"""Year-over-year explanation: where a unit gained and lost points, and why its rank moved.

Nodes of the two years are matched by id. For each leaf, with points ``p0`` of ``M0`` before and
``p1`` of ``M1`` after, the difference ``p1 - p0`` is split in two parts that add up to it:

- **method**: what the change of the criteria set alone would have done to the old performance.
  A leaf whose maximum changed keeps its old share of the maximum: ``p0 × M1 / M0 - p0``. A new
  leaf is credited with the unit's old share of the nearest node that existed before (its area,
  else the whole set): ``M1 × share``. A removed leaf takes its old points away: ``-p0``.
  Method effects are not rounded, so a leaf whose share did not move has no performance part.
- **performance**: the rest, ``difference - method``.

With the same set in both years (or a leaf unchanged between sets) the method part is zero. A
rule whose parameters changed while the maximum did not is marked ``rule_changed``, and its
difference counts as performance.

With peers, four ranks are computed (old / new index of the unit × old / new peers; each year's
tie policy) and the rank change is split into the unit's own effect and the others' effect, each
averaged over the two orders of change, so the two add up to the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .decimal_utils import quantize
from .errors import CchcScoreError, msg
from .i18n import N_, Label, Lang, code_label, t
from .model.comparison import ChangeStatus, Comparison, NodeChange, RankChange, direction_of
from .model.criteria import CriteriaSet, TiePolicy
from .model.lineage import Crossing
from .model.ranking import Entry
from .model.result import NodeResult, Result
from .ranking import position, rank_keys

ZERO = Decimal(0)
Peer = Result | Entry


class _Tree:
    """A result's nodes by id, with parents, for lookups across years."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.nodes: dict[str, NodeResult] = {}
        self.parent: dict[str, str | None] = {}
        for root in result.nodes:
            self._add(root, None)

    def _add(self, node: NodeResult, parent: str | None) -> None:
        self.nodes[node.id] = node
        self.parent[node.id] = parent
        for child in node.children:
            self._add(child, node.id)

    def share(self, node_id: str | None) -> Decimal:
        """Points over maximum of the node, or of its nearest ancestor found, or of the total."""
        while node_id is not None:
            node = self.nodes.get(node_id)
            if node is not None and node.max_points > 0:
                return node.final_points / node.max_points
            node_id = self.parent.get(node_id) if node is not None else _parent_id(node_id)
        return self.result.total / self.result.total_max


def _parent_id(node_id: str) -> str | None:
    return node_id.rsplit(".", 1)[0] if "." in node_id else None


class _Comparer:
    def __init__(
        self, old: Result, new: Result, old_set: CriteriaSet, new_set: CriteriaSet
    ) -> None:
        self.old = _Tree(old)
        self.new = _Tree(new)
        self.old_set = old_set
        self.new_set = new_set

    def node(self, node_id: str, level: int) -> NodeChange:
        before = self.old.nodes.get(node_id)
        after = self.new.nodes.get(node_id)
        child_ids = _merge(
            [c.id for c in before.children] if before else [],
            [c.id for c in after.children] if after else [],
        )
        if not child_ids:
            return self.change(node_id, before, after, level, ())
        children = [self.node(c, level + 1) for c in child_ids]
        # A leaf split into sub-criteria (or sub-criteria merged into one leaf): the leaf's
        # points stand as a child of their own, removed or new, so leaves still add up.
        if before is not None and not before.children:
            children.append(self.change(node_id, before, None, level + 1, ()))
        if after is not None and not after.children:
            children.append(self.change(node_id, None, after, level + 1, ()))
        return self.change(node_id, before, after, level, tuple(sorted(children, key=_cost_order)))

    def change(
        self,
        node_id: str,
        before: NodeResult | None,
        after: NodeResult | None,
        level: int,
        children: tuple[NodeChange, ...],
    ) -> NodeChange:
        shown = after or before
        assert shown is not None
        p0 = before.final_points if before else None
        p1 = after.final_points if after else None
        difference = (p1 or ZERO) - (p0 or ZERO)
        if children:
            method = sum((c.method for c in children), ZERO)
            performance = sum((c.performance for c in children), ZERO)
        else:
            method = self.method(node_id, before, after)
            performance = difference - method
        return NodeChange(
            id=node_id,
            label_vi=shown.label_vi,
            label_en=shown.label_en,
            level=level,
            status=self.status(node_id, before, after),
            max_before=before.max_points if before else None,
            max_after=after.max_points if after else None,
            before=p0,
            after=p1,
            difference=difference,
            method=method,
            performance=performance,
            children=children,
        )

    def status(
        self, node_id: str, before: NodeResult | None, after: NodeResult | None
    ) -> ChangeStatus:
        if before is None:
            return "new"
        if after is None:
            return "removed"
        if before.max_points != after.max_points:
            return "max_changed"
        old_node = self.old_set.index.get(node_id)
        new_node = self.new_set.index.get(node_id)
        if old_node and new_node and old_node.is_leaf and old_node.rule != new_node.rule:
            return "rule_changed"
        return "same"

    def method(self, node_id: str, before: NodeResult | None, after: NodeResult | None) -> Decimal:
        if after is None:
            return -(before.final_points if before else ZERO)
        if before is not None and before.max_points == after.max_points:
            return ZERO
        if before is not None and before.max_points > 0:
            kept = before.final_points * after.max_points / before.max_points
            return kept - before.final_points
        # A new leaf (or one without points before): the old share of the node itself when it
        # was a parent before, else of its nearest ancestor that existed.
        share = self.old.share(node_id)
        credited = after.max_points * share
        return credited - (before.final_points if before else ZERO)


def _merge(first: list[str], second: list[str]) -> list[str]:
    return first + [i for i in second if i not in first]


def _cost_order(change: NodeChange) -> tuple[Decimal, str]:
    return (change.difference, change.id)


def compare(
    old_result: Result,
    new_result: Result,
    old_set: CriteriaSet,
    new_set: CriteriaSet,
    peers_old: Sequence[Peer] | None = None,
    peers_new: Sequence[Peer] | None = None,
    crossing: Crossing | None = None,
) -> Comparison:
    """Explain how one unit's result changed between two years.

    With ``crossing`` (see :mod:`cchc_score.lineage`) the two results are of different units
    across a reorganisation, usually under different sets: areas are compared as wholes (the
    eight areas keep their ids across the sets), a changed maximum counted as method.

    Args:
        old_result, new_result: the unit's scored results in the earlier and later year.
        old_set, new_set: the criteria sets they were scored under.
        peers_old, peers_new: the block's units in each year (results or published entries;
            the unit itself is left out, and so are units of other blocks or years). Give both
            for the rank analysis; each must hold a unit of the block in its year (the unit
            itself counts), else CchcScoreError ``no_peers``.

    Raises CchcScoreError ``different_sets`` when the sets' ids differ: leaf ids of unrelated
    sets do not name the same criteria (versions of one set are compared, method and
    performance apart).

    Returns:
        Per area, criterion and leaf: before, after, difference (each level sorted by what cost
        the most), the method and performance parts; the rank change split into the unit's own
        effect and the others' effect when peers are given.
    """
    if crossing is not None:
        old_result, new_result = _areas_only(old_result), _areas_only(new_result)
    elif old_set.id != new_set.id:
        raise CchcScoreError(
            msg(
                "OLD is scored under {old!r} and NEW under {new!r}: criteria of different sets"
                " cannot be matched; compare two versions of one set",
                old=old_set.id,
                new=new_set.id,
            ),
            code="different_sets",
        )
    comparer = _Comparer(old_result, new_result, old_set, new_set)
    area_ids = _merge([n.id for n in old_result.nodes], [n.id for n in new_result.nodes])
    areas = tuple(sorted((comparer.node(a, 0) for a in area_ids), key=_cost_order))
    leaves = [n for a in areas for n in a.walk() if n.is_leaf]
    total_difference = new_result.total - old_result.total
    leaf_sum = sum((n.difference for n in leaves), ZERO)
    rank = None
    if peers_old is not None and peers_new is not None:
        rank = rank_change(old_result, new_result, old_set, new_set, peers_old, peers_new)
    return Comparison(
        unit=new_result.unit,
        unit_id=new_result.unit_id,
        block=new_result.block,
        year_old=old_result.year,
        year_new=new_result.year,
        set_old=f"{old_set.id} {old_set.version}",
        set_new=f"{new_set.id} {new_set.version}",
        same_method=(old_set.id, old_set.version) == (new_set.id, new_set.version),
        total_before=old_result.total,
        total_after=new_result.total,
        total_difference=total_difference,
        total_max_before=old_result.total_max,
        total_max_after=new_result.total_max,
        index_before=old_result.index,
        index_after=new_result.index,
        index_difference=new_result.index - old_result.index,
        method_effect=sum((n.method for n in leaves), ZERO),
        performance_effect=sum((n.performance for n in leaves), ZERO),
        rounding_and_caps=total_difference - leaf_sum,
        areas=areas,
        rank=rank,
        crossing=crossing,
    )


def _areas_only(result: Result) -> Result:
    """The result with its areas as leaves: criteria of unrelated sets are not matched."""
    nodes = tuple(n.model_copy(update={"children": ()}) for n in result.nodes)
    return result.model_copy(update={"nodes": nodes})


def _peers(own: Entry, peers: Sequence[Peer], label: str) -> list[Entry]:
    entries = [Entry.from_result(p) if isinstance(p, Result) else p for p in peers]
    check_peers(own, entries, label)
    return [
        e for e in entries if e.block == own.block and e.year == own.year and not e.same_unit(own)
    ]


def check_peers(own: Entry | Result, peers: Sequence[Peer], label: str) -> None:
    """Refuse peers holding no unit of ``own``'s block and year (the unit itself counts).

    A rank among no one would read as first of one: peers of the wrong year or block, or an
    empty folder, are a mistake to report, not a ranking.

    Args:
        label: how the caller names the peers (``peers_old``, ``--peers-new``), for the message.
    """
    if any(p.block == own.block and p.year == own.year for p in peers):
        return
    found = sorted({(p.year, p.block) for p in peers})
    more = ", …" if len(found) > 5 else ""
    seen = Label(
        ", ".join(f"{code_label('block', b, 'vi')} {y}" for y, b in found[:5]) + more,
        ", ".join(f"{b} {y}" for y, b in found[:5]) + more,
    )
    raise CchcScoreError(
        msg(
            "{label}: no unit of block {block!r} in {year} (found: {seen})",
            label=label,
            block=Label(code_label("block", own.block, "vi"), own.block),
            year=own.year,
            seen=seen,
        )
        if found
        else msg(
            "{label}: no unit of block {block!r} in {year} (no unit at all)",
            label=label,
            block=Label(code_label("block", own.block, "vi"), own.block),
            year=own.year,
        ),
        code="no_peers",
    )


def rank_change(
    old_result: Result,
    new_result: Result,
    old_set: CriteriaSet,
    new_set: CriteriaSet,
    peers_old: Sequence[Peer],
    peers_new: Sequence[Peer],
) -> RankChange:
    """The rank move of a unit between two years, split into its own and its peers' effect."""
    own_old = Entry.from_result(old_result)
    own_new = Entry.from_result(new_result)
    before = _peers(own_old, peers_old, "peers_old")
    after = _peers(own_new, peers_new, "peers_new")
    p_old, p_new = old_set.tie_policy, new_set.tie_policy
    # The unit's new figures stand in the old year's field, and the reverse.
    own_new_then = own_new.model_copy(update={"year": own_old.year})
    own_old_now = own_old.model_copy(update={"year": own_new.year})
    r_oo = position(own_old, before, p_old)
    r_nn = position(own_new, after, p_new)
    r_no = position(own_new_then, before, p_old)
    r_on = position(own_old_now, after, p_new)
    own_effect = Decimal((r_no - r_oo) + (r_nn - r_on)) / 2
    others_effect = Decimal((r_on - r_oo) + (r_nn - r_no)) / 2
    old_by_id = {e.identity: e for e in before}
    new_by_id = {e.identity: e for e in after}
    both = sorted(set(old_by_id) & set(new_by_id))
    overtaken_by, overtook = [], []
    for identity in both:
        was_above = _above(old_by_id[identity], own_old, p_old)
        is_above = _above(new_by_id[identity], own_new, p_new)
        if is_above and not was_above:
            overtaken_by.append(new_by_id[identity].unit)
        elif was_above and not is_above:
            overtook.append(new_by_id[identity].unit)
    mean = None
    if both:
        moved = sum((new_by_id[i].index - old_by_id[i].index for i in both), ZERO)
        mean = quantize(moved / len(both), 2)
    return RankChange(
        tie_policy_old=p_old,
        tie_policy_new=p_new,
        of_old=len(before) + 1,
        of_new=len(after) + 1,
        rank_old=r_oo,
        rank_new=r_nn,
        rank_own_only=r_no,
        rank_others_only=r_on,
        change=r_nn - r_oo,
        direction=direction_of(r_nn - r_oo),
        own_effect=own_effect,
        others_effect=others_effect,
        overtaken_by=tuple(sorted(overtaken_by)),
        overtook=tuple(sorted(overtook)),
        peers_mean_index_change=mean,
    )


def _above(peer: Entry, own: Entry, policy: TiePolicy) -> bool:
    """Whether ``peer`` ranks strictly above ``own`` under ``policy``."""
    keys = rank_keys([peer, own], policy)
    return keys[0] > keys[1]


def crossing_text(cmp: Comparison, lang: Lang) -> str:
    """What a comparison across a reorganisation crosses: a change of unit and of method."""
    c = cmp.crossing
    assert c is not None
    text = t(
        "This comparison crosses a change of unit and of method: {old} ({year_old}, {set_old})"
        " is not {new} ({year_new}, {set_new}). On {date} {old}'s territory became: {became}."
        " Areas are compared as wholes; their criteria are not matched.",
        lang,
        old=c.old_unit,
        new=c.new_unit,
        year_old=cmp.year_old,
        year_new=cmp.year_new,
        set_old=c.set_old,
        set_new=c.set_new,
        date=c.effective.strftime("%d/%m/%Y"),
        became=", ".join(c.successors),
    )
    if c.status != "seen":
        text += " " + t(LINK_STATUS[c.status], lang)
    return text


LINK_STATUS = {
    "inferred": N_("The link between the two units is inferred (from the new unit's name)."),
    "illustrative": N_("The link between the two units is illustrative, not from a source."),
}
