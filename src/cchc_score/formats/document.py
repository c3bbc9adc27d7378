"""A parsed YAML or JSON file, and the line of each part of it for error messages.

JSON is parsed once, by :mod:`json`; its line marks come from composing the text as YAML only
when an error asks for a line (the happy path of a folder of JSON files never does).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cchc_score.errors import InputFileError, msg
from cchc_score.validation_words import problem

from . import jsonfile, yamlfile
from .text import read_text
from .yamlfile import MappingNode, Node, ScalarNode, SequenceNode

_UNSET: Any = object()


class Document:
    """Parsed data of one file, and where each part of it stands in the text.

    ``root`` is the YAML node tree; given ``text`` instead, it is composed on first use.
    """

    def __init__(
        self, path: Path, data: Any, root: Node | None = _UNSET, *, text: str | None = None
    ) -> None:
        self.path = path
        self.data = data
        self._root = root
        self._text = text

    @property
    def root(self) -> Node | None:
        if self._root is _UNSET:
            self._root = yamlfile.compose_quietly(self._text) if self._text is not None else None
            self._text = None
        return self._root

    def under(self, key: str) -> Document:
        """This document as if its data stood under ``key:`` (a bare list of rows)."""
        return Document(self.path, {key: self.data}, yamlfile.mapping_under(key, self.root))

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Line (1-based) of the deepest part of ``loc`` found in the file."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            if isinstance(node, MappingNode):
                nxt = next(
                    (v for k, v in node.value if getattr(k, "value", None) == str(part)), None
                )
            elif isinstance(node, SequenceNode) and isinstance(part, int):
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
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    if getattr(key, "value", None) == "id" and getattr(value, "value", None) == (
                        node_id
                    ):
                        return int(key.start_mark.line) + 1
                stack.extend(v for _, v in node.value)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return self._line_of_key(node_id)

    def _line_of_key(self, key_text: str) -> int | None:
        """Line of the first mapping key ``key_text`` (a leaf id in an assessment's leaves)."""
        stack = [self.root] if self.root is not None else []
        lines: list[int] = []
        while stack:
            node = stack.pop()
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == key_text:
                        lines.append(int(key.start_mark.line) + 1)
                    stack.append(value)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return min(lines) if lines else None


def read_document(path: str | Path) -> Document:
    """Read a YAML or JSON file; InputFileError with line and column when it does not parse."""
    path = Path(path)
    text = read_text(path)
    if path.suffix.lower() == ".json":
        try:
            data = jsonfile.load(text)
        except jsonfile.JSONDecodeError as exc:
            raise InputFileError(
                msg("invalid JSON: {problem}", problem=problem(exc.msg)),
                file=str(path),
                place=f"line {exc.lineno}, column {exc.colno}",
            ) from None
        except jsonfile.TooDeepError as exc:
            raise InputFileError(
                msg("invalid JSON: {problem}", problem=problem(str(exc))),
                file=str(path),
                place=f"line {exc.line}",
            ) from None
        except ValueError as exc:
            root = yamlfile.compose_quietly(text)
            raise InputFileError(
                msg("invalid JSON: {problem}", problem=problem(str(exc))),
                file=str(path),
                place=_line_of_text(root, str(exc)),
            ) from None
        return Document(path, data, text=text)
    try:
        data, root = yamlfile.load(text)
    except yamlfile.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        said = problem(exc.problem or exc.context or "invalid YAML")
        raise InputFileError(
            msg("invalid YAML: {problem}", problem=said), file=str(path), place=place
        ) from None
    except yamlfile.YAMLError as exc:
        raise InputFileError(
            msg("invalid YAML: {problem}", problem=str(exc)), file=str(path)
        ) from None
    return Document(path, data, root)


def _line_of_text(root: Node | None, message: str) -> str | None:
    """The line of the scalar a JSON error message quotes (a duplicate key, a bad number)."""
    quoted = message.split("'")[1] if message.count("'") >= 2 else None
    if root is None or quoted is None:
        return None
    stack: list[Node] = [root]
    found: list[int] = []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode) and str(node.value).startswith(quoted):
            found.append(node.start_mark.line + 1)
        elif isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    # A duplicate key: the second one is the culprit.
    lines = sorted(found)
    return (
        f"line {lines[1] if 'duplicate' in message and len(lines) > 1 else lines[0]}"
        if lines
        else None
    )
