"""Plug-in manager factory and the registry of rule kinds and criteria sets.

Entry points in the ``cchc_score`` group are imported one by one; a plug-in that fails to
import, raises in a hook, registers a duplicate or ships an invalid set is recorded with its
name and reason, and the others keep working. Plug-in code runs isolated: any exception,
``SystemExit`` included, becomes a failure, and what it prints goes to stderr, never into the
command's output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy
from pydantic import ValidationError

from . import hookspecs
from .errors import CchcScoreError, UnknownIdError, msg
from .loading import DATA_SUFFIXES, criteria_files, load_criteria_set, read_document
from .model.criteria import CriteriaSet
from .rules import Rule
from .validation_words import validation_message

BUILTIN_PLUGIN = "cchc_score.builtin"
ENV_DISABLE = "CCHC_SCORE_DISABLE_PLUGINS"
ENV_PATH = "CCHC_SCORE_PATH"
#: The distribution whose entry points are the shipped packs: registered before any other.
SHIPPED_DISTRIBUTION = "cchc-score"
#: In CCHC_SCORE_DISABLE_PLUGINS: every third-party plug-in / every shipped pack.
DISABLE_ALL = frozenset({"1", "all", "true", "yes"})
DISABLE_SHIPPED = "shipped"


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
            raise CchcScoreError(
                msg("registered {kind!r}, which is not a Rule subclass", kind=kind)
            )
        name = getattr(kind, "kind", None)
        if not isinstance(name, str) or not name:
            raise CchcScoreError(msg("rule class {name} has no 'kind' name", name=kind.__name__))
        if name in self.rule_kinds:
            owner = self.rule_kind_plugins[name]
            raise CchcScoreError(
                msg("rule kind {name!r} is already registered by {owner}", name=name, owner=owner)
            )
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
                    msg(
                        "criteria set {set!r} is invalid at {where}: {problem}",
                        set=data.get("id"),
                        where=where,
                        problem=validation_message(first),
                    )
                ) from None
        elif isinstance(item, str | os.PathLike):
            # Each file of a folder on its own: a bad one is a failure naming it, and the good
            # packs beside it load.
            for path in self._pack_files(plugin, Path(item)):
                try:
                    loaded.append((load_criteria_set(path, self.rule_kinds), str(path)))
                except CchcScoreError as exc:
                    self.failures.append(PluginFailure(plugin, exc.located(file=str(path)).said()))
        else:
            raise CchcScoreError(
                msg("cannot register {kind} as a criteria set", kind=type(item).__name__)
            )
        for cset, source in loaded:
            key = (cset.id, cset.version)
            if key in self.sets:
                owner = self.sets[key].plugin
                # The first registrant keeps the set (shipped packs register first); the
                # second is the failure, naming both.
                self.failures.append(
                    PluginFailure(
                        plugin,
                        msg(
                            "criteria set {set!r} version {version!r} from {plugin} is already"
                            " registered by {owner}; {owner}'s is kept",
                            set=cset.id,
                            version=cset.version,
                            plugin=plugin,
                            owner=owner,
                        ),
                    )
                )
                continue
            self.sets[key] = RegisteredSet(cset, plugin, source)
        return [cset for cset, _ in loaded]

    def _pack_files(self, plugin: str, path: Path) -> list[Path]:
        """The pack files of ``path`` (``loading.criteria_files``), a folder's files looked at
        one by one: one that cannot be read is recorded as a failure and passed over."""
        if not path.is_dir() or (path / "pack.yaml").exists():
            return criteria_files(path)
        found = []
        for candidate in sorted(path.iterdir()):
            if candidate.suffix.lower() not in DATA_SUFFIXES or not candidate.is_file():
                continue
            try:
                doc = read_document(candidate)
            except CchcScoreError as exc:
                self.failures.append(PluginFailure(plugin, exc.located(file=str(candidate)).said()))
                continue
            if isinstance(doc.data, Mapping) and "nodes" in doc.data:
                found.append(candidate)
        return found

    @property
    def context(self) -> dict[str, Any]:
        return {"rule_kinds": self.rule_kinds}

    def get_set(
        self, set_id: str, version: str | None = None, year: int | None = None
    ) -> CriteriaSet:
        """The set with this id: the given version; else the newest valid for index ``year``
        (UnknownIdError naming the versions and their years when none is); else the newest."""
        matches = [
            r for (sid, ver), r in self.sets.items() if sid == set_id and version in (None, ver)
        ]
        if matches and version is None and year is not None:
            matches.sort(key=lambda r: _version_key(r.criteria_set.version))
            valid = [r for r in matches if r.criteria_set.valid_for(year)]
            if not valid:
                raise UnknownIdError(
                    msg(
                        "criteria set {set!r} has no version valid for index year {year}"
                        " (versions loaded: {versions}); give set_version to score under one"
                        " of them anyway",
                        set=set_id,
                        year=year,
                        versions=", ".join(
                            f"{r.criteria_set.version} ({r.criteria_set.years.text()})"
                            for r in matches
                        ),
                    ),
                    code="no_set_for_year",
                )
            matches = valid
        if not matches and version is not None:
            versions = sorted(ver for sid, ver in self.sets if sid == set_id)
            if versions:
                raise UnknownIdError(
                    msg(
                        "criteria set {set!r} has no version {version!r} (versions loaded:"
                        " {versions})",
                        set=set_id,
                        version=version,
                        versions=", ".join(versions),
                    )
                )
        if not matches:
            known = ", ".join(sorted({sid for sid, _ in self.sets})) or msg("none")
            what = (
                msg("{set!r} version {version!r}", set=set_id, version=version)
                if version
                else repr(set_id)
            )
            raise UnknownIdError(
                msg("unknown criteria set {what} (known: {known})", what=what, known=known)
            )
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
    """Names blocked by CCHC_SCORE_DISABLE_PLUGINS; None when all third-party ones are.

    The value is a comma-separated list of entry-point names, ``all`` (every third-party
    plug-in; the shipped packs stay) and ``shipped`` (the packs shipped with cchc-score).
    """
    raw = os.environ.get(ENV_DISABLE, "").strip()
    names = {name.strip().lower() for name in raw.split(",") if name.strip()}
    if names & DISABLE_ALL:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


def _is_shipped(ep: Any) -> bool:
    dist = getattr(ep, "dist", None)
    name = getattr(dist, "name", None) or ""
    return name.lower().replace("_", "-") == SHIPPED_DISTRIBUTION


def load_entry_points(pm: pluggy.PluginManager, failures: list[PluginFailure]) -> set[str]:
    """Import and register every ``cchc_score`` entry point, recording each failure; the names
    of the shipped packs registered (see :func:`disabled_plugins` for what is blocked)."""
    raw = {n.strip().lower() for n in os.environ.get(ENV_DISABLE, "").split(",")}
    blocked = disabled_plugins()
    shipped: set[str] = set()
    for ep in sorted(metadata.entry_points(group=hookspecs.PROJECT), key=lambda e: e.name):
        ours = _is_shipped(ep)
        if ours and DISABLE_SHIPPED in raw:
            continue
        if (blocked is None and not ours) or ep.name in (blocked or ()) or pm.has_plugin(ep.name):
            continue
        try:
            with plugin_code():
                plugin = ep.load()
        except BaseException as exc:  # a third party's import must not stop the others
            _reraise_user_interrupt(exc)
            failures.append(
                PluginFailure(
                    ep.name, msg("import of {ep} failed: {why}", ep=ep.value, why=_why(exc))
                )
            )
            continue
        try:
            pm.register(plugin, name=ep.name)
            pm.check_pending()
        except (ValueError, pluggy.PluginValidationError) as exc:
            if pm.has_plugin(ep.name):
                pm.unregister(name=ep.name)
            failures.append(PluginFailure(ep.name, msg("invalid plug-in: {why}", why=str(exc))))
            continue
        if ours:
            shipped.add(ep.name)
    return shipped


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class _Watch:
    """Whether SIGINT arrived while plug-in code ran."""

    interrupted = False


@contextlib.contextmanager
def plugin_code() -> Iterator[_Watch]:
    """Run plug-in code with what it prints sent to stderr (stdout carries ``--json`` and
    ``--csv`` output) and a watch on SIGINT, so that a KeyboardInterrupt the plug-in raises
    itself can be told from the user's Ctrl-C (see :func:`_reraise_user_interrupt`)."""
    watch = _Watch()
    previous: Any = None
    # Signals reach the main thread only; elsewhere a KeyboardInterrupt is the plug-in's own.
    main = threading.current_thread() is threading.main_thread()
    if main:
        previous = signal.getsignal(signal.SIGINT)
        # None: a handler not set from Python, which cannot be put back; leave it alone.
        main = previous is not None
    if main:

        def on_sigint(signum: int, frame: Any) -> None:
            watch.interrupted = True
            if callable(previous):
                previous(signum, frame)
            elif previous != signal.SIG_IGN:
                raise KeyboardInterrupt

        signal.signal(signal.SIGINT, on_sigint)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield watch
    except KeyboardInterrupt as exc:
        if watch.interrupted:
            exc.add_note(_USER_INTERRUPT)
        raise
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


_USER_INTERRUPT = "cchc_score: interrupted by the user"


def _reraise_user_interrupt(exc: BaseException) -> None:
    """Re-raise a KeyboardInterrupt that came from a SIGINT (the user's Ctrl-C) received while
    plug-in code ran; every other exception, SystemExit and a KeyboardInterrupt the plug-in
    raised itself included, is the plug-in's failure."""
    if isinstance(exc, KeyboardInterrupt) and _USER_INTERRUPT in getattr(exc, "__notes__", ()):
        raise exc


def _call_each(
    pm: pluggy.PluginManager,
    hook_name: str,
    make_register: Callable[[str], Callable[[Any], None]],
    failures: list[PluginFailure],
    shipped: Iterable[str] = (),
) -> None:
    """Call a hook's implementations one at a time, isolating failures: the built-in kinds,
    then the shipped packs, then the other plug-ins, each group in name order (so a third-party
    plug-in never takes over a shipped set)."""
    impls = getattr(pm.hook, hook_name).get_hookimpls()
    rank = {BUILTIN_PLUGIN: 0, **dict.fromkeys(shipped, 1)}
    order = sorted(impls, key=lambda i: (rank.get(i.plugin_name, 2), i.plugin_name))
    for impl in order:
        try:
            with plugin_code():
                impl.function(register=make_register(impl.plugin_name))
        except BaseException as exc:  # isolate a third party's bug; it is reported by name
            _reraise_user_interrupt(exc)
            failures.append(
                PluginFailure(
                    impl.plugin_name, msg("{hook} raised {why}", hook=hook_name, why=_why(exc))
                )
            )


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
    shipped = load_entry_points(pm, registry.failures) if entry_points else set()

    def guarded(plugin: str, add: Callable[[str, Any], Any]) -> Callable[[Any], None]:
        def register(item: Any) -> None:
            try:
                add(plugin, item)
            except CchcScoreError as exc:
                registry.failures.append(PluginFailure(plugin, exc.said()))

        return register

    _call_each(
        pm,
        "register_rule_kinds",
        lambda p: guarded(p, registry.add_rule_kind),
        registry.failures,
        shipped,
    )
    _call_each(
        pm,
        "register_criteria_sets",
        lambda p: guarded(p, registry.add_set),
        registry.failures,
        shipped,
    )
    env_paths = [p for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p]
    for path in [*env_paths, *paths]:
        guarded(f"path:{path}", registry.add_set)(Path(path))
    registry.plugins = sorted(name for name, _ in pm.list_name_plugin() if name is not None)
    return registry
