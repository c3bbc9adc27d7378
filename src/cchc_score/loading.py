"""The only module that reads files: YAML and JSON into models, with errors naming the line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .decimal_utils import MAX_ADJUSTED_EXPONENT, check_magnitude
from .errors import CchcScoreError, InputFileError, shown
from .model.criteria import CriteriaSet
from .model.evidence import AssessmentFile
from .rules import Rule

M = TypeVar("M", bound=BaseModel)
DATA_SUFFIXES = (".yaml", ".yml", ".json")
#: Read by cchc_score.workbook; .xls is there to say it must be saved as .xlsx first.
WORKBOOK_SUFFIXES = (".xlsx", ".xls")


# libyaml's parser, when PyYAML has it, reads YAML several times faster (a folder of a
# province's assessments, the Di Linh demo); nodes keep their line marks either way.
_SafeBase: Any = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_SafeBase):  # type: ignore[misc]
    """Safe YAML loader: decimals read exactly, duplicate keys and impossible values refused."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if (key.tag, key.value) in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {key.value!r}", key.start_mark
                        )
                    seen.add((key.tag, key.value))
        return super().construct_mapping(node, deep=deep)


def _refuse(node: yaml.Node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    problem = check_magnitude(number)
    if problem:
        raise _refuse(node, f"{text!r} {problem}")
    return number


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(node.value)
    if len(text.lstrip("+-").replace("_", "")) > MAX_ADJUSTED_EXPONENT + 1:
        raise _refuse(node, f"{text[:30]!r}... is too large a number")
    try:
        return int(yaml.constructor.SafeConstructor.construct_yaml_int(loader, node))  # type: ignore[arg-type]
    except ValueError:
        raise _refuse(node, f"{text!r} is not a whole number") from None


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError as exc:
        raise _refuse(node, f"{node.value!r} is not a valid date ({exc})") from None


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _json_decimal(text: str) -> Decimal:
    number = Decimal(text)
    problem = check_magnitude(number)
    if problem:
        raise ValueError(f"{text!r} {problem}")
    return number


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_ADJUSTED_EXPONENT + 1:
        raise ValueError(f"{text[:30]!r}... is too large a number")
    return int(text)


class Document:
    """Parsed data of one file, and where each part of it stands in the text."""

    def __init__(self, path: Path, data: Any, root: yaml.Node | None) -> None:
        self.path = path
        self.data = data
        self.root = root

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Line (1-based) of the deepest part of ``loc`` found in the file."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                nxt = next(
                    (v for k, v in node.value if getattr(k, "value", None) == str(part)), None
                )
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                nxt = node.value[part] if 0 <= part < len(node.value) else None
            else:
                nxt = None
            if nxt is None:
                break
            node = nxt
            line = node.start_mark.line + 1
        return line

    def line_of_node_id(self, node_id: str) -> int | None:
        """Line of the mapping whose ``id`` is ``node_id`` (a criteria node)."""
        stack = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if getattr(key, "value", None) == "id" and getattr(value, "value", None) == (
                        node_id
                    ):
                        return int(key.start_mark.line) + 1
                stack.extend(v for _, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return self._line_of_key(node_id)

    def _line_of_key(self, key_text: str) -> int | None:
        """Line of the first mapping key ``key_text`` (a leaf id in an assessment's leaves)."""
        stack = [self.root] if self.root is not None else []
        lines: list[int] = []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == key_text:
                        lines.append(int(key.start_mark.line) + 1)
                    stack.append(value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return min(lines) if lines else None


def read_text(path: Path) -> str:
    """A file's UTF-8 text (a BOM is dropped); InputFileError naming the file when unreadable."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError("file not found", file=str(path)) from None
    except IsADirectoryError:
        raise InputFileError("is a folder, expected a file", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"not UTF-8 text (byte {exc.object[exc.start]:#x} at offset {exc.start})",
            file=str(path),
        ) from None
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror}", file=str(path)) from None


def read_document(path: str | Path) -> Document:
    """Read a YAML or JSON file; InputFileError with line and column when it does not parse."""
    path = Path(path)
    text = read_text(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(
                text,
                parse_float=_json_decimal,
                parse_int=_json_int,
                parse_constant=_json_constant,
                object_pairs_hook=_json_pairs,
            )
        except json.JSONDecodeError as exc:
            raise InputFileError(
                f"invalid JSON: {exc.msg}",
                file=str(path),
                place=f"line {exc.lineno}, column {exc.colno}",
            ) from None
        except ValueError as exc:
            root = _compose_quietly(text)
            raise InputFileError(
                f"invalid JSON: {exc}", file=str(path), place=_line_of_text(root, str(exc))
            ) from None
        root = _compose_quietly(text)
        return Document(path, data, root)
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputFileError(f"invalid YAML: {problem}", file=str(path), place=place) from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"invalid YAML: {exc}", file=str(path)) from None
    return Document(path, data, root)


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name!r} is not a finite number")


def _line_of_text(root: yaml.Node | None, message: str) -> str | None:
    """The line of the scalar a JSON error message quotes (a duplicate key, a bad number)."""
    quoted = message.split("'")[1] if message.count("'") >= 2 else None
    if root is None or quoted is None:
        return None
    stack: list[yaml.Node] = [root]
    found: list[int] = []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and str(node.value).startswith(quoted):
            found.append(node.start_mark.line + 1)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    # A duplicate key: the second one is the culprit.
    lines = sorted(found)
    return (
        f"line {lines[1] if 'duplicate' in message and len(lines) > 1 else lines[0]}"
        if lines
        else None
    )


def _compose_quietly(text: str) -> yaml.Node | None:
    # JSON is YAML: its line marks come from the same (C, when available) parser.
    try:
        return yaml.compose(text, Loader=_SafeBase)
    except yaml.YAMLError:
        return None


def parse(model: type[M], doc: Document, context: Mapping[str, Any] | None = None) -> M:
    """Validate a document's data as ``model``; errors name the file, line, key and value."""
    if not isinstance(doc.data, Mapping):
        found = type(doc.data).__name__ if doc.data is not None else "an empty file"
        raise InputFileError(
            f"expected a mapping of keys at the top, found {found}", file=str(doc.path)
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
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    return InputFileError(f"{message} (got {text})", file=str(doc.path), place=place or None)


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


def read_table(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV table (comma, semicolon or tab separated, UTF-8 with or without BOM).

    Returns:
        The column names as written, and each non-empty row with its line number, keyed by
        column name lower-cased and stripped.
    """
    path = Path(path)
    text = read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, [])
        names = [h.strip().lower() for h in header]
        for i, name in enumerate(names):
            if name and name in names[:i]:
                raise InputFileError(
                    f"column {header[i].strip()!r} appears twice in the header",
                    file=str(path),
                    place=f"line 1, column {i + 1}",
                )
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(names):
                raise InputFileError(
                    f"{len(values)} cells, but the header names {len(names)} columns",
                    file=str(path),
                    place=f"line {reader.line_num}",
                )
            rows.append(
                (reader.line_num, {n: v.strip() for n, v in zip(names, values, strict=False)})
            )
    except csv.Error as exc:
        raise InputFileError(
            f"invalid CSV: {exc}", file=str(path), place=f"line {reader.line_num}"
        ) from None
    return [h.strip() for h in header], rows
