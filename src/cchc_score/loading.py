"""Files into models: assessments and criteria sets, with errors naming the file and line.

How each format is read lives in :mod:`cchc_score.formats`; this module says what the data
means. ``Document``, ``read_document``, ``read_table`` and the suffix lists are re-exported from
there for existing callers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import CchcScoreError, InputFileError, msg, shown
from .formats import DATA_SUFFIXES, WORKBOOK_SUFFIXES
from .formats.csvfile import read_table
from .formats.document import Document, read_document
from .formats.text import read_text
from .model.criteria import CriteriaSet
from .model.evidence import AssessmentFile
from .rules import Rule
from .validation_words import validation_message

__all__ = [
    "DATA_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "Document",
    "assessment_files",
    "criteria_files",
    "load_assessment",
    "load_criteria_set",
    "locate",
    "parse",
    "read_document",
    "read_table",
    "read_text",
    "validation_error",
]

M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], doc: Document, context: Mapping[str, Any] | None = None) -> M:
    """Validate a document's data as ``model``; errors name the file, line, key and value."""
    if not isinstance(doc.data, Mapping):
        found = type(doc.data).__name__ if doc.data is not None else msg("an empty file")
        raise InputFileError(
            msg("expected a mapping of keys at the top, found {found}", found=found),
            file=str(doc.path),
        )
    try:
        return model.model_validate(doc.data, context=dict(context or {}))
    except ValidationError as exc:
        raise validation_error(exc, doc) from None
    except CchcScoreError as exc:
        raise locate(exc, doc) from None


def validation_error(exc: ValidationError, doc: Document) -> InputFileError:
    first = exc.errors(include_url=False)[0]
    loc = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    line = doc.line_of(loc)
    key = ".".join(str(p) for p in loc)
    place = ", ".join(p for p in (f"line {line}" if line else None, key or None) if p)
    given = first.get("input")
    text = shown(given) if not isinstance(given, Mapping | list) else type(given).__name__
    message = validation_message(first)
    if first["type"] == "extra_forbidden":
        message = msg("unknown key")
    return InputFileError(
        msg("{message} (got {value})", message=message, value=text),
        file=str(doc.path),
        place=place or None,
    )


def locate(exc: CchcScoreError, doc: Document) -> CchcScoreError:
    """Add the file, and the line of the node the error is about."""
    exc.located(file=str(doc.path))
    if exc.node_id is not None:
        line = doc.line_of_node_id(exc.node_id)
        if line is not None:
            exc.place = f"line {line}, node {exc.node_id}"
    return exc


def load_criteria_set(
    path: str | Path, rule_kinds: Mapping[str, type[Rule]] | None = None
) -> CriteriaSet:
    """Load one criteria set from a YAML or JSON file."""
    doc = read_document(path)
    context = {"rule_kinds": rule_kinds} if rule_kinds is not None else None
    return parse(CriteriaSet, doc, context)


def criteria_files(path: str | Path) -> list[Path]:
    """The pack files a path names: the file itself, or a folder's ``pack.yaml`` or data files
    that hold a ``nodes`` tree."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    pack = path / "pack.yaml"
    if pack.exists():
        return [pack]
    found = []
    for candidate in sorted(path.iterdir()):
        if candidate.suffix.lower() in DATA_SUFFIXES and candidate.is_file():
            doc = read_document(candidate)
            if isinstance(doc.data, Mapping) and "nodes" in doc.data:
                found.append(candidate)
    return found


def load_assessment(path: str | Path) -> AssessmentFile:
    """Load an assessment file: the assessment, with its optional appraisal and survey.

    YAML and JSON files, and self-assessment workbooks (``.xlsx``, see
    :mod:`cchc_score.workbook`).
    """
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        from .workbook import read_workbook

        return read_workbook(path)
    doc = read_document(path)
    return parse(AssessmentFile, doc)


def assessment_files(paths: Sequence[str | Path]) -> list[Path]:
    """Expand folders into the assessment files they hold, sorted by name; a file named twice
    (directly or through its folder) is listed once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in (*DATA_SUFFIXES, *WORKBOOK_SUFFIXES)
                and not p.name.startswith("~$")  # a spreadsheet's lock file
            ]
        else:
            found = [path]
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out
