"""A small spreadsheet formula evaluator: enough of Excel to check the workbook's own formulas.

No spreadsheet program is installed where the tests run, so the provisional totals a workbook
shows are computed here, with Excel's semantics for what they use: IF (lazy), AND, OR,
ISNUMBER, MIN, MAX, SUM, ROUND, comparisons (text case-insensitive, a number never equal to
text or to TRUE), + - * /, cell references and ranges on one sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

TOKEN = re.compile(
    r'\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>"(?:[^"]|"")*")'
    r"|(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<cell>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<name>[A-Z]+)(?=\()|(?P<bool>TRUE|FALSE)|(?P<op><>|<=|>=|[-+*/=<>(),]))"
)


class Blank:
    """An empty cell: 0 to arithmetic, "" to text, neither TRUE nor a number."""

    def __repr__(self) -> str:
        return "Blank"


BLANK = Blank()


def tokens(formula: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = formula.rstrip()
    while pos < len(text):
        found = TOKEN.match(text, pos)
        if found is None or found.end() == pos:
            raise ValueError(f"cannot read {text[pos:]!r}")
        kind = found.lastgroup
        assert kind is not None
        out.append((kind, found.group(kind)))
        pos = found.end()
    return out


class Sheet:
    """Values of a worksheet's cells, formulas computed on demand."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.done: dict[str, Any] = {}

    def value(self, ref: str) -> Any:
        ref = ref.replace("$", "")
        if ref not in self.done:
            raw = self.ws[ref].value
            if isinstance(raw, str) and raw.startswith("="):
                self.done[ref] = Formula(tokens(raw[1:]), self).run()
            elif raw is None or raw == "":
                self.done[ref] = BLANK
            elif isinstance(raw, bool | str | dt.date):
                self.done[ref] = raw
            else:
                self.done[ref] = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        return self.done[ref]

    def values(self, cells: str) -> list[Any]:
        """The values of a range of one column or one row, ``K2:K85``."""
        rows = self.ws[cells.replace("$", "")]
        return [self.value(cell.coordinate) for row in rows for cell in row]


class Formula:
    def __init__(self, items: list[tuple[str, str]], sheet: Sheet) -> None:
        self.items = items
        self.pos = 0
        self.sheet = sheet

    def run(self) -> Any:
        value = self.expr()
        assert self.pos == len(self.items), self.items[self.pos :]
        return value

    def peek(self) -> str | None:
        return self.items[self.pos][1] if self.pos < len(self.items) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        item = self.items[self.pos]
        assert expected is None or item[1] == expected, (item, expected)
        self.pos += 1
        return item

    def expr(self) -> Any:
        left = self.additive()
        if self.peek() in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            return compare(op, left, self.additive())
        return left

    def additive(self) -> Any:
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            right = number(self.term())
            value = number(value) + right if op == "+" else number(value) - right
        return value

    def term(self) -> Any:
        value = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            right = number(self.unary())
            value = number(value) * right if op == "*" else number(value) / right
        return value

    def unary(self) -> Any:
        if self.peek() == "-":
            self.take()
            return -number(self.unary())
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "bool":
            return text == "TRUE"
        if kind == "cell":
            return self.sheet.value(text)
        if kind == "range":
            return self.sheet.values(text)
        if text == "(":
            value = self.expr()
            self.take(")")
            return value
        assert kind == "name", (kind, text)
        return self.call(text)

    def skip_argument(self) -> None:
        depth = 0
        while True:
            here = self.peek()
            if depth == 0 and here in (",", ")"):
                return
            depth += {"(": 1, ")": -1}.get(here or "", 0)
            self.pos += 1

    def call(self, name: str) -> Any:
        self.take("(")
        if name == "IF":
            test = self.expr()
            self.take(",")
            if truth(test):
                value = self.expr()
                self.take(",")
                self.skip_argument()
            else:
                self.skip_argument()
                self.take(",")
                value = self.expr()
            self.take(")")
            return value
        args = [self.expr()]
        while self.peek() == ",":
            self.take()
            args.append(self.expr())
        self.take(")")
        if name == "AND":
            return all(truth(a) for a in args)
        if name == "OR":
            return any(truth(a) for a in args)
        if name == "ISNUMBER":
            return isinstance(args[0], Decimal)
        if name == "SUM":
            flat = [v for a in args for v in (a if isinstance(a, list) else [a])]
            return sum((v for v in flat if isinstance(v, Decimal)), Decimal(0))
        if name == "MIN":
            return min(number(a) for a in args)
        if name == "MAX":
            return max(number(a) for a in args)
        if name == "ROUND":
            places = Decimal(1).scaleb(-int(number(args[1])))
            return number(args[0]).quantize(places, rounding=ROUND_HALF_UP)
        raise AssertionError(f"function {name} is not known here")


def number(value: Any) -> Decimal:
    if isinstance(value, Blank):
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    assert isinstance(value, Decimal), value
    return value


def truth(value: Any) -> bool:
    if isinstance(value, Blank):
        return False
    if isinstance(value, bool):
        return value
    return number(value) != 0


def compare(op: str, left: Any, right: Any) -> bool:
    """Excel's comparison: blank is "" to text, 0 to numbers and FALSE to booleans; values of
    different types are never equal (numbers < text < booleans when ordered)."""

    def kind(v: Any) -> int:
        return 0 if isinstance(v, Decimal) else 1 if isinstance(v, str) else 2

    if isinstance(left, Blank):
        left = "" if isinstance(right, str) else False if isinstance(right, bool) else Decimal(0)
    if isinstance(right, Blank):
        right = "" if isinstance(left, str) else False if isinstance(left, bool) else Decimal(0)
    a: Any = left.casefold() if isinstance(left, str) else left
    b: Any = right.casefold() if isinstance(right, str) else right
    if kind(a) != kind(b):
        a, b = kind(a), kind(b)
    return {
        "=": a == b,
        "<>": a != b,
        "<": a < b,
        ">": a > b,
        "<=": a <= b,
        ">=": a >= b,
    }[op]
