"""Criteria sets for people: a set's tree with each rule explained, lists of sets and plug-ins."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cchc_score.errors import say
from cchc_score.i18n import Lang, code_label, number, percent, provenance, t, tc
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.plugins import Registry
from cchc_score.rules import Rule
from cchc_score.structure import Structure, structure

from .common import plain
from .layout import Responsive, stacked


def set_header(cset: CriteriaSet, lang: Lang = "vi") -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(t("Criteria set", lang), f"{cset.id} {cset.version}")
    grid.add_row("", plain(cset.title.get(lang)))
    grid.add_row(t("Unit type", lang), code_label("unit_type", cset.unit_type, lang))
    for ref in cset.legal_basis:
        parts = [ref.number, ref.date.isoformat() if ref.date else None, ref.issuer, ref.title]
        grid.add_row(t("Legal basis", lang), " · ".join(p for p in parts if p))
    if cset.valid_from or cset.valid_to:
        grid.add_row(t("Valid", lang), f"{cset.valid_from or '…'} → {cset.valid_to or '…'}")
    years = cset.years
    if years.first is not None or years.last is not None:
        note = years.note_vi if lang == "vi" else years.note_en
        grid.add_row(t("Index years", lang), years.text() + (f" — {plain(note)}" if note else ""))
    grid.add_row(t("Max", lang), number(cset.total_max, lang))
    grid.add_row(t("Rounding", lang), rounding_text(cset, lang))
    grid.add_row(t("Tie policy", lang), code_label("tie_policy", cset.tie_policy, lang))
    for block, bands in sorted(cset.bands.items()):
        words = ", ".join(
            f"{b.label.get(lang)} ≥ {percent(b.min_index, lang, spaced=False)}" for b in bands
        )
        # Text, not markup: "[mọi khối]" would read as a style tag.
        grid.add_row(Text(f"{t('Band', lang)} [{code_label('block', block, lang)}]"), words)
    if cset.provenance is not None:
        grid.add_row(t("Provenance", lang), _provenance_text(cset, None, lang))
    return Panel(grid, expand=False)


def rounding_text(cset: CriteriaSet, lang: Lang) -> str:
    """How the set rounds: places, mode and where (codes in English, words in Vietnamese)."""
    r = cset.rounding
    mode = code_label("rounding", r.mode, lang)
    at = code_label("rounding_at", r.at, lang)
    return f"{r.places} ({mode}, {at}); {t('Index', lang)}: {r.index_places}"


def _provenance_text(cset: CriteriaSet, node_id: str | None, lang: Lang) -> str:
    prov = cset.provenance if node_id is None else cset.provenance_of(node_id)
    if prov is None:
        return ""
    text = provenance(prov.status, lang)
    if prov.source:
        text += f" — {prov.source}"
    return text


def set_tree(cset: CriteriaSet, rules: dict[str, Rule], lang: Lang = "vi") -> Tree:
    """The set's tree: each node with its maximum and provenance, each leaf with its rule."""
    tree = Tree(Text(cset.title.get(lang), style="bold"))
    for root in cset.nodes:
        _branch(tree, root, cset, rules, lang)
    return tree


def _branch(
    parent: Tree, node: Node, cset: CriteriaSet, rules: dict[str, Rule], lang: Lang
) -> None:
    prov = cset.provenance_of(node.id)
    style = "" if prov is None or prov.status == "seen" else "italic"
    head = Text(f"{node.id} ", style="bold")
    head.append(node.label.get(lang), style=style)
    head.append(f"  ({number(node.max_points, lang)})", style="cyan")
    if prov is not None:
        head.append(
            f"  [{provenance(prov.status, lang)}]",
            style="green" if prov.status == "seen" else "magenta",
        )
    branch = parent.add(head)
    if node.is_leaf:
        rule = rules[node.id]
        how = t("survey", lang) if node.source == "survey" else t("appraisal", lang)
        branch.add(Text(f"{rule.explain(lang)}  · {how}", style="dim"))
    # The source where it changes: an area whose name is seen but whose points are not says so
    # under the area, and sub-criteria sharing their criterion's source do not repeat it.
    parent_id = cset.parents.get(node.id)
    inherited = cset.provenance_of(parent_id) if parent_id is not None else cset.provenance
    if node.provenance is not None and node.provenance.source and node.provenance != inherited:
        branch.add(Text(f"{t('Source', lang)}: {node.provenance.source}", style="dim"))
    for child in node.children:
        _branch(branch, child, cset, rules, lang)


def show_set(cset: CriteriaSet, rules: dict[str, Rule], lang: Lang = "vi") -> RenderableType:
    return Group(set_header(cset, lang), set_tree(cset, rules, lang))


#: Columns the sets table needs before its titles stop being squeezed.
SETS_WIDE = 160


def sets_table(registry: Registry, lang: Lang = "vi") -> Table:
    table = Table(title=t("Criteria sets loaded", lang))
    table.add_column(tc("column", "id", lang), no_wrap=True)
    table.add_column(t("Version", lang))
    table.add_column(t("Unit type", lang))
    table.add_column(t("Index years", lang), no_wrap=True)
    table.add_column(t("Criteria set", lang), ratio=1)
    table.add_column(t("Structure", lang), no_wrap=True)
    table.add_column(t("leaves", lang), justify="right")
    table.add_column(t("Plug-in", lang))
    for reg in registry.all_sets():
        cset = reg.criteria_set
        table.add_row(
            cset.id,
            cset.version,
            code_label("unit_type", cset.unit_type, lang),
            cset.years.text(),
            plain(cset.title.get(lang)),
            structure_text(structure(cset), lang),
            str(len(cset.leaves())),
            plain(reg.plugin),
        )
    if registry.failures:
        names = ", ".join(sorted({f.plugin for f in registry.failures}))
        table.caption = t("Plug-ins that failed: {names} — see 'cchc-score plugins'", lang).format(
            names=names
        )
    return table


def sets_view(registry: Registry, lang: Lang = "vi") -> Responsive:
    """The sets loaded: the wide table where it fits, else one block per set (the table's
    eight columns squeeze the sets' titles to a few letters on a laptop's terminal)."""
    wide = sets_table(registry, lang)
    rows = []
    for reg in registry.all_sets():
        cset = reg.criteria_set
        facts = [
            (t("Version", lang), cset.version),
            (t("Unit type", lang), code_label("unit_type", cset.unit_type, lang)),
            (t("Index years", lang), cset.years.text()),
            (t("Structure", lang), structure_text(structure(cset), lang)),
            (t("leaves", lang), str(len(cset.leaves()))),
            (t("Plug-in", lang), reg.plugin),
        ]
        rows.append((cset.id, cset.title.get(lang), facts))
    narrow = stacked(
        t("Criteria sets loaded", lang),
        (tc("column", "id", lang), t("Criteria set", lang)),
        rows,
        caption=str(wide.caption) if wide.caption else None,
    )
    return Responsive(wide, narrow, min_width=SETS_WIDE)


def structure_text(counts: Structure, lang: Lang = "vi") -> str:
    """ "8 lĩnh vực · 37 TC · 88 TCTP": the set as practitioners count it."""
    return t(
        "{areas} areas · {criteria} criteria · {sub} sub-criteria",
        lang,
        areas=counts.areas,
        criteria=counts.criteria,
        sub=counts.sub_criteria,
    )


def plugins_report(registry: Registry, lang: Lang = "vi") -> RenderableType:
    table = Table(title=t("Plug-in", lang))
    table.add_column(t("Plug-in", lang), no_wrap=True)
    table.add_column(t("Status", lang))
    table.add_column(t("Rule kinds", lang))
    table.add_column(t("Criteria sets loaded", lang))
    failed = {f.plugin for f in registry.failures}
    names = sorted({*registry.plugins, *failed, *(r.plugin for r in registry.sets.values())})
    for name in names:
        kinds = ", ".join(
            code_label("rule_kind", k, lang)
            for k, p in registry.rule_kind_plugins.items()
            if p == name
        )
        sets = ", ".join(
            f"{r.criteria_set.id} {r.criteria_set.version}"
            for r in registry.all_sets()
            if r.plugin == name
        )
        if name not in failed:
            status = Text(t("loaded", lang), style="green")
        elif kinds or sets:
            status = Text(t("partly failed", lang), style="yellow")
        else:
            status = Text(t("failed", lang), style="red")
        table.add_row(plain(name), status, kinds, sets)
    parts: list[RenderableType] = [table]
    if registry.failures:
        fail = Table(title=t("Plug-ins that failed", lang))
        fail.add_column(t("Plug-in", lang), no_wrap=True)
        fail.add_column(t("Reason", lang))
        for failure in registry.failures:
            fail.add_row(plain(failure.plugin), plain(str(say(failure.reason, lang))))
        parts.append(fail)
    return Group(*parts)
