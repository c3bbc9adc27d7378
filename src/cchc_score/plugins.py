"""Plug-in manager factory and the registry of rule kinds and criteria sets.

Entry points in the ``cchc_score`` group are imported one by one; a plug-in that fails to
import, raises in a hook, registers a duplicate or ships an invalid set is recorded with its
name and reason, and the others keep working.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy
from pydantic import ValidationError

from . import hookspecs
from .errors import CchcScoreError, UnknownIdError
from .loading import criteria_files, load_criteria_set
from .model.criteria import CriteriaSet
from .rules import Rule

BUILTIN_PLUGIN = "cchc_score.builtin"
ENV_DISABLE = "CCHC_SCORE_DISABLE_PLUGINS"
ENV_PATH = "CCHC_SCORE_PATH"


@dataclass(frozen=True)
class PluginFailure:
    """A plug-in, or one thing it registered, that could not be used."""

    plugin: str
    reason: str


@dataclass(frozen=True)
class RegisteredSet:
    criteria_set: CriteriaSet
    plugin: str
    source: str | None = None


@dataclass
class Registry:
    """What the plug-ins registered: rule kinds and criteria sets, and what failed."""

    rule_kinds: dict[str, type[Rule]] = field(default_factory=dict)
    rule_kind_plugins: dict[str, str] = field(default_factory=dict)
    sets: dict[tuple[str, str], RegisteredSet] = field(default_factory=dict)
    plugins: list[str] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)

    def add_rule_kind(self, plugin: str, kind: Any) -> None:
        if not (isinstance(kind, type) and issubclass(kind, Rule)):
            raise CchcScoreError(f"registered {kind!r}, which is not a Rule subclass")
        name = getattr(kind, "kind", None)
        if not isinstance(name, str) or not name:
            raise CchcScoreError(f"rule class {kind.__name__} has no 'kind' name")
        if name in self.rule_kinds:
            owner = self.rule_kind_plugins[name]
            raise CchcScoreError(f"rule kind {name!r} is already registered by {owner}")
        self.rule_kinds[name] = kind
        self.rule_kind_plugins[name] = plugin

    def add_set(self, plugin: str, item: Any) -> list[CriteriaSet]:
        """Add a set given as a model, a mapping, or a file or folder path."""
        loaded: list[tuple[CriteriaSet, str | None]] = []
        if isinstance(item, CriteriaSet | Mapping):
            data = item.model_dump() if isinstance(item, CriteriaSet) else dict(item)
            try:
                loaded.append((CriteriaSet.model_validate(data, context=self.context), None))
            except CchcScoreError as exc:
                raise exc.located(file=f"criteria set {data.get('id')!r}") from None
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise CchcScoreError(
                    f"criteria set {data.get('id')!r} is invalid at {where}: {first['msg']}"
                ) from None
        elif isinstance(item, str | os.PathLike):
            for path in criteria_files(Path(item)):
                loaded.append((load_criteria_set(path, self.rule_kinds), str(path)))
        else:
            raise CchcScoreError(f"cannot register {type(item).__name__} as a criteria set")
        for cset, source in loaded:
            key = (cset.id, cset.version)
            if key in self.sets:
                owner = self.sets[key].plugin
                raise CchcScoreError(
                    f"criteria set {cset.id!r} version {cset.version!r} is already registered"
                    f" by {owner}"
                )
            self.sets[key] = RegisteredSet(cset, plugin, source)
        return [cset for cset, _ in loaded]

    @property
    def context(self) -> dict[str, Any]:
        return {"rule_kinds": self.rule_kinds}

    def get_set(self, set_id: str, version: str | None = None) -> CriteriaSet:
        """The set with this id: the given version, or the newest registered."""
        matches = [
            r for (sid, ver), r in self.sets.items() if sid == set_id and version in (None, ver)
        ]
        if not matches and version is not None:
            versions = sorted(ver for sid, ver in self.sets if sid == set_id)
            if versions:
                raise UnknownIdError(
                    f"criteria set {set_id!r} has no version {version!r}"
                    f" (versions loaded: {', '.join(versions)})"
                )
        if not matches:
            known = ", ".join(sorted({sid for sid, _ in self.sets})) or "none"
            what = f"{set_id!r} version {version!r}" if version else repr(set_id)
            raise UnknownIdError(f"unknown criteria set {what} (known: {known})")
        return max(matches, key=lambda r: _version_key(r.criteria_set.version)).criteria_set

    def all_sets(self) -> list[RegisteredSet]:
        return [self.sets[k] for k in sorted(self.sets)]


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(p), "") if p.isdigit() else (-1, p) for p in version.replace("-", ".").split(".")
    )


def make_plugin_manager() -> pluggy.PluginManager:
    """A fresh plug-in manager with the hook specifications and the built-in rule kinds."""
    from . import rules

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(rules, name=BUILTIN_PLUGIN)
    return pm


def disabled_plugins() -> set[str] | None:
    """Names blocked by CCHC_SCORE_DISABLE_PLUGINS; None when all third-party ones are."""
    raw = os.environ.get(ENV_DISABLE, "").strip()
    if raw.lower() in {"1", "all", "true", "yes"}:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


def load_entry_points(pm: pluggy.PluginManager, failures: list[PluginFailure]) -> None:
    """Import and register every ``cchc_score`` entry point, recording each failure."""
    blocked = disabled_plugins()
    if blocked is None:
        return
    for ep in sorted(metadata.entry_points(group=hookspecs.PROJECT), key=lambda e: e.name):
        if ep.name in blocked or pm.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # a third party's import error must not stop the others
            failures.append(PluginFailure(ep.name, f"import of {ep.value} failed: {_why(exc)}"))
            continue
        try:
            pm.register(plugin, name=ep.name)
            pm.check_pending()
        except (ValueError, pluggy.PluginValidationError) as exc:
            if pm.has_plugin(ep.name):
                pm.unregister(name=ep.name)
            failures.append(PluginFailure(ep.name, f"invalid plug-in: {exc}"))


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _call_each(
    pm: pluggy.PluginManager,
    hook_name: str,
    make_register: Callable[[str], Callable[[Any], None]],
    failures: list[PluginFailure],
) -> None:
    """Call a hook's implementations one at a time, in plug-in name order, isolating failures."""
    impls = getattr(pm.hook, hook_name).get_hookimpls()
    order = sorted(impls, key=lambda i: (i.plugin_name != BUILTIN_PLUGIN, i.plugin_name))
    for impl in order:
        try:
            impl.function(register=make_register(impl.plugin_name))
        except Exception as exc:  # isolate a third party's bug; it is reported by name
            failures.append(PluginFailure(impl.plugin_name, f"{hook_name} raised {_why(exc)}"))


def build_registry(
    pm: pluggy.PluginManager | None = None,
    *,
    entry_points: bool = True,
    paths: Iterable[str | Path] = (),
) -> Registry:
    """Collect rule kinds and criteria sets from the plug-ins and from pack paths.

    Args:
        pm: a manager from :func:`make_plugin_manager` (a new one when None).
        entry_points: also load installed plug-ins from the ``cchc_score`` entry points.
        paths: pack files or folders to load too, besides those in ``CCHC_SCORE_PATH``.
    """
    registry = Registry()
    if pm is None:
        pm = make_plugin_manager()
    if entry_points:
        load_entry_points(pm, registry.failures)

    def guarded(plugin: str, add: Callable[[str, Any], Any]) -> Callable[[Any], None]:
        def register(item: Any) -> None:
            try:
                add(plugin, item)
            except CchcScoreError as exc:
                registry.failures.append(PluginFailure(plugin, str(exc)))

        return register

    _call_each(
        pm, "register_rule_kinds", lambda p: guarded(p, registry.add_rule_kind), registry.failures
    )
    _call_each(
        pm, "register_criteria_sets", lambda p: guarded(p, registry.add_set), registry.failures
    )
    env_paths = [p for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p]
    for path in [*env_paths, *paths]:
        guarded(f"path:{path}", registry.add_set)(Path(path))
    registry.plugins = sorted(name for name, _ in pm.list_name_plugin() if name is not None)
    return registry
