"""YAML in and out: the strict loader every YAML (and JSON line mark) goes through, and the
writer that keeps numbers exact."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from cchc_score.decimal_utils import MAX_ADJUSTED_EXPONENT, check_magnitude

from .limits import limit

#: The errors the loader raises; ``MarkedYAMLError`` ones carry a line and column.
YAMLError = yaml.YAMLError
MarkedYAMLError = yaml.MarkedYAMLError
Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode

# libyaml's parser, when PyYAML has it, reads YAML several times faster (a folder of a
# province's assessments, the Di Linh demo); nodes keep their line marks either way.
_SafeBase: Any = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class StrictLoader(_SafeBase):  # type: ignore[misc]
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


StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
# YAML 1.1 reads 1e400 (no decimal point) as text, which a number field would then take as a
# number past every limit; read it as a number (as YAML 1.2 does), so its size is checked. The
# writer below quotes text of that shape, so it reads back as text.
_EXPONENT = re.compile(r"^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _EXPONENT, list("-+0123456789"))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_tree(root: yaml.Node) -> None:
    """Refuse, at the line concerned, a node tree nested deeper than ``MAX_DEPTH``, one whose
    aliases expand to more than ``MAX_YAML_NODES`` values (an alias bomb), or an alias inside
    the collection it names (a cycle). Each node is visited once, so this is linear in the
    text however far the aliases would expand."""
    max_depth, max_nodes = limit("MAX_DEPTH"), limit("MAX_YAML_NODES")
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            if height[key] > max_depth:
                raise _refuse(node, f"nested more than {max_depth} levels deep")
            if size[key] > max_nodes:
                raise _refuse(
                    node, f"its aliases expand to more than {max_nodes:,} values (an alias bomb)"
                )
            continue
        if key in size:
            continue
        if key in open_:
            raise _refuse(node, "an alias inside the collection it names (a cycle)")
        open_.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """One YAML document's data and its node tree (for line marks); raises YAMLError."""
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            check_tree(root)
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return data, root


def load_flow(text: str) -> Any:
    """YAML (or JSON) text's data, numbers as exact decimals; raises YAMLError."""
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        check_tree(root)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def compose_quietly(text: str) -> yaml.Node | None:
    """The node tree of a text (JSON is YAML), or None when it does not parse as YAML."""
    try:
        return yaml.compose(text, Loader=_SafeBase)
    except yaml.YAMLError:
        return None


def mapping_under(key: str, root: yaml.Node | None) -> yaml.Node | None:
    """The line marks of ``root`` as if it stood under ``key:``."""
    if root is None:
        return None
    return yaml.MappingNode(
        "tag:yaml.org,2002:map",
        [(yaml.ScalarNode("tag:yaml.org,2002:str", key), root)],
        start_mark=root.start_mark,
        end_mark=root.end_mark,
    )


class _Dumper(yaml.SafeDumper):
    """YAML out: exact decimals, block style, Vietnamese letters as they are."""


class _PlainDumper(_Dumper):
    """The same, without anchors and aliases (a value shared by two keys is written twice)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_implicit_resolver("tag:yaml.org,2002:float", _EXPONENT, list("-+0123456789"))
_PlainDumper.add_representer(Decimal, _represent_decimal)


def dump(data: Any, *, aliases: bool = True, width: int | None = None) -> str:
    """YAML text that :func:`load` reads back to the same data (points stay exact)."""
    return yaml.dump(
        data,
        Dumper=_Dumper if aliases else _PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        width=width,
    )
