"""The state every front end starts from: the plug-in registry plus the packs a user named."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from cchc_score.errors import InputFileError, UnknownIdError, msg
from cchc_score.loading import criteria_files, load_criteria_set
from cchc_score.model.criteria import CriteriaSet
from cchc_score.plugins import RegisteredSet, Registry, build_registry

#: Suffixes of a criteria-set file named where a set id is expected.
SET_FILE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Context:
    """The registry (installed plug-ins, ``CCHC_SCORE_PATH``) and the packs named with ``--set``.

    ``set_paths`` travel with it so that worker processes can build the same registry.
    """

    registry: Registry
    set_paths: tuple[Path, ...] = ()

    def resolve_set(
        self, set_id: str, version: str | None = None, year: int | None = None
    ) -> CriteriaSet:
        """The criteria set an input names: its version, else the one valid for index ``year``
        (see :meth:`Registry.get_set`); an unknown id mentions plug-ins that failed."""
        reg = self.registry
        try:
            return reg.get_set(set_id, version, year)
        except UnknownIdError as exc:
            if reg.failures:
                names = ", ".join(sorted({f.plugin for f in reg.failures}))
                exc.message = msg(
                    "{problem}; plug-ins that failed to load: {names} (see 'cchc-score plugins')",
                    problem=exc.message,
                    names=names,
                )
                exc.args = (exc.message,)
            raise

    def set_named(self, name: str, version: str | None = None) -> CriteriaSet:
        """A set by id (plug-ins, ``--set``), or the pack file or folder a path names."""
        path = Path(name)
        if path.suffix.lower() in SET_FILE_SUFFIXES or path.is_dir():
            files = criteria_files(path)
            if not files:
                raise InputFileError(
                    msg("no criteria set here (no pack.yaml, no YAML/JSON file with 'nodes')"),
                    file=str(path),
                )
            return load_criteria_set(files[0], self.registry.rule_kinds)
        return self.resolve_set(name, version)


def open_context(set_paths: Sequence[str | PathLike[str]] = ()) -> Context:
    """Plug-ins plus the packs named (files or folders); a bad named pack is an error."""
    reg = build_registry()
    named = tuple(map(Path, set_paths))
    for path in named:
        files = criteria_files(path)
        if not files:
            raise InputFileError(
                msg("no criteria set here (no pack.yaml, no YAML/JSON file with 'nodes')"),
                file=str(path),
            )
        for file in files:
            cset = load_criteria_set(file, reg.rule_kinds)
            reg.sets[(cset.id, cset.version)] = RegisteredSet(cset, f"path:{file}", str(file))
    return Context(reg, named)
