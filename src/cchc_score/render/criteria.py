"""Criteria sets for people: a set's tree with each rule explained, lists of sets and plug-ins."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cchc_score.decimal_utils import fmt
from cchc_score.i18n import Lang, t
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.plugins import Registry
from cchc_score.rules import Rule


def set_header(cset: CriteriaSet, lang: Lang = "vi") -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(t("set", lang), f"{cset.id} {cset.version}")
    grid.add_row("", cset.title_vi if lang == "vi" else cset.title_en)
    grid.add_row(t("unit_type", lang), cset.unit_type)
    for ref in cset.legal_basis:
        parts = [ref.number, ref.date.isoformat() if ref.date else None, ref.issuer, ref.title]
        grid.add_row(t("legal_basis", lang), " · ".join(p for p in parts if p))
    if cset.valid_from or cset.valid_to:
        grid.add_row(t("valid", lang), f"{cset.valid_from or '…'} → {cset.valid_to or '…'}")
    grid.add_row(t("max", lang), fmt(cset.total_max))
    grid.add_row(
        t("rounding", lang),
        f"{cset.rounding.places} ({cset.rounding.mode}, {cset.rounding.at});"
        f" {t('index', lang)}: {cset.rounding.index_places}",
    )
    grid.add_row(t("tie_policy", lang), cset.tie_policy)
    for block, bands in sorted(cset.bands.items()):
        words = ", ".join(
            f"{b.label_vi if lang == 'vi' else b.label_en} ≥ {fmt(b.min_index)}%" for b in bands
        )
        grid.add_row(f"{t('band', lang)} [{block}]", words)
    if cset.provenance is not None:
        grid.add_row(t("provenance", lang), _provenance_text(cset, None, lang))
    return Panel(grid, expand=False)


def _provenance_text(cset: CriteriaSet, node_id: str | None, lang: Lang) -> str:
    prov = cset.provenance if node_id is None else cset.provenance_of(node_id)
    if prov is None:
        return ""
    text = t(prov.status, lang)
    if prov.source:
        text += f" — {prov.source}"
    return text


def set_tree(cset: CriteriaSet, rules: dict[str, Rule], lang: Lang = "vi") -> Tree:
    """The set's tree: each node with its maximum and provenance, each leaf with its rule."""
    tree = Tree(Text(cset.title_vi if lang == "vi" else cset.title_en, style="bold"))
    for root in cset.nodes:
        _branch(tree, root, cset, rules, lang)
    return tree


def _branch(
    parent: Tree, node: Node, cset: CriteriaSet, rules: dict[str, Rule], lang: Lang
) -> None:
    prov = cset.provenance_of(node.id)
    style = "" if prov is None or prov.status == "seen" else "italic"
    head = Text(f"{node.id} ", style="bold")
    head.append(node.label(lang), style=style)
    head.append(f"  ({fmt(node.max_points)})", style="cyan")
    if prov is not None:
        head.append(
            f"  [{t(prov.status, lang)}]", style="green" if prov.status == "seen" else "magenta"
        )
    branch = parent.add(head)
    if node.is_leaf:
        rule = rules[node.id]
        how = t("survey" if node.source == "survey" else "appraisal", lang)
        branch.add(Text(f"{rule.explain(lang)}  · {how}", style="dim"))
    # The source where it changes: an area whose name is seen but whose points are not says so
    # under the area, and sub-criteria sharing their criterion's source do not repeat it.
    parent_id = cset.parents.get(node.id)
    inherited = cset.provenance_of(parent_id) if parent_id is not None else cset.provenance
    if node.provenance is not None and node.provenance.source and node.provenance != inherited:
        branch.add(Text(f"{t('source', lang)}: {node.provenance.source}", style="dim"))
    for child in node.children:
        _branch(branch, child, cset, rules, lang)


def show_set(cset: CriteriaSet, rules: dict[str, Rule], lang: Lang = "vi") -> RenderableType:
    return Group(set_header(cset, lang), set_tree(cset, rules, lang))


def sets_table(registry: Registry, lang: Lang = "vi") -> Table:
    table = Table(title=t("sets", lang))
    table.add_column("id", no_wrap=True)
    table.add_column(t("version", lang))
    table.add_column(t("unit_type", lang))
    table.add_column(t("set", lang), ratio=1)
    table.add_column(t("leaves", lang), justify="right")
    table.add_column(t("plugin", lang))
    for reg in registry.all_sets():
        cset = reg.criteria_set
        table.add_row(
            cset.id,
            cset.version,
            cset.unit_type,
            cset.title_vi if lang == "vi" else cset.title_en,
            str(len(cset.leaves())),
            reg.plugin,
        )
    if registry.failures:
        names = ", ".join(sorted({f.plugin for f in registry.failures}))
        table.caption = t("sets_failures", lang).format(names=names)
    return table


def plugins_report(registry: Registry, lang: Lang = "vi") -> RenderableType:
    table = Table(title=t("plugin", lang))
    table.add_column(t("plugin", lang), no_wrap=True)
    table.add_column(t("status", lang))
    table.add_column(t("rule_kinds", lang))
    table.add_column(t("sets", lang))
    failed = {f.plugin for f in registry.failures}
    names = sorted({*registry.plugins, *failed, *(r.plugin for r in registry.sets.values())})
    for name in names:
        kinds = ", ".join(k for k, p in registry.rule_kind_plugins.items() if p == name)
        sets = ", ".join(
            f"{r.criteria_set.id} {r.criteria_set.version}"
            for r in registry.all_sets()
            if r.plugin == name
        )
        if name not in failed:
            status = Text(t("loaded", lang), style="green")
        elif kinds or sets:
            status = Text(t("partly_failed", lang), style="yellow")
        else:
            status = Text(t("failed", lang), style="red")
        table.add_row(name, status, kinds, sets)
    parts: list[RenderableType] = [table]
    if registry.failures:
        fail = Table(title=t("failures", lang))
        fail.add_column(t("plugin", lang), no_wrap=True)
        fail.add_column(t("reason", lang))
        for failure in registry.failures:
            fail.add_row(failure.plugin, failure.reason)
        parts.append(fail)
    return Group(*parts)
