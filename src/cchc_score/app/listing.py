"""What is loaded, for programs: the criteria sets with their structure as practitioners count
it, and the plug-ins with what each registered or why it failed (``sets --json``,
``plugins --json``). The shapes are documented in docs/cli.md and kept stable."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from cchc_score.model.base import Frozen
from cchc_score.structure import Structure, structure

from .context import Context


class SetSummary(Frozen):
    """One criteria set loaded."""

    id: str
    version: str
    title_vi: str
    title_en: str
    unit_type: str
    total_max: Decimal
    structure: Structure
    plugin: str
    source: str | None = None


class SetList(Frozen):
    """``cchc-score sets --json``."""

    sets: tuple[SetSummary, ...]
    #: Plug-ins that failed to load (``plugins --json`` says why).
    failed_plugins: tuple[str, ...] = ()


class PluginSummary(Frozen):
    """One plug-in: what it registered, and why it failed when it did."""

    name: str
    status: Literal["loaded", "partly_failed", "failed"]
    rule_kinds: tuple[str, ...] = ()
    #: The sets it registered, as ``id version``.
    sets: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


class PluginList(Frozen):
    """``cchc-score plugins --json``."""

    plugins: tuple[PluginSummary, ...]


def list_sets(ctx: Context) -> SetList:
    registry = ctx.registry
    return SetList(
        sets=tuple(
            SetSummary(
                id=r.criteria_set.id,
                version=r.criteria_set.version,
                title_vi=r.criteria_set.title_vi,
                title_en=r.criteria_set.title_en,
                unit_type=r.criteria_set.unit_type,
                total_max=r.criteria_set.total_max,
                structure=structure(r.criteria_set),
                plugin=r.plugin,
                source=r.source,
            )
            for r in registry.all_sets()
        ),
        failed_plugins=tuple(sorted({f.plugin for f in registry.failures})),
    )


def list_plugins(ctx: Context) -> PluginList:
    registry = ctx.registry
    failed = {f.plugin for f in registry.failures}
    names = sorted({*registry.plugins, *failed, *(r.plugin for r in registry.sets.values())})
    out = []
    for name in names:
        kinds = tuple(k for k, p in registry.rule_kind_plugins.items() if p == name)
        sets = tuple(
            f"{r.criteria_set.id} {r.criteria_set.version}"
            for r in registry.all_sets()
            if r.plugin == name
        )
        status: Literal["loaded", "partly_failed", "failed"] = (
            "loaded" if name not in failed else "partly_failed" if kinds or sets else "failed"
        )
        errors = tuple(f.reason for f in registry.failures if f.plugin == name)
        out.append(
            PluginSummary(name=name, status=status, rule_kinds=kinds, sets=sets, errors=errors)
        )
    return PluginList(plugins=tuple(out))
