"""Maintainer's tool for the language catalogue: ``python -m cchc_score.i18n_catalogue``.

It finds every translation call in the package (``t``, ``nt``, ``tc``, ``N_``, ``C_``, and
``msg`` for error messages, with
literal arguments, f-strings included: the code is read as a syntax tree, which sees calls
inside f-strings where babel's tokenizing extractor on Python 3.11 does not), and the command
line's help (the literal ``help=`` of options and the docstrings of commands, in ``cli/``),
writes the
template ``locale/cchc_score.pot``, merges it into each ``.po`` (new msgids come in empty,
msgids no longer used are dropped) and compiles the ``.mo`` files. Then fill the empty
``msgstr`` entries and run it again; ``tests/test_catalogue.py`` fails until both are done.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from cchc_score.i18n import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).parent
#: Translation calls: the argument positions of (context, msgid, plural); None: not taken.
CALLS: dict[str, tuple[int | None, int, int | None]] = {
    "t": (None, 0, None),
    "N_": (None, 0, None),
    "nt": (None, 0, 1),
    "tc": (0, 1, None),
    "C_": (0, 1, None),
    "msg": (None, 0, None),
}

Entry = tuple[str | None, str, str | None, str]  # context, msgid, plural, "file:line"


def scan(package: Path = PACKAGE) -> Iterator[Entry]:
    """Every translation call with literal arguments in the package's modules."""
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(package)
        if where.parts[0] == "cli":
            for text, line in _helps(tree):
                yield None, text, None, f"{where}:{line}"
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            spec = CALLS.get(node.func.id)
            if spec is None:
                continue
            texts = [_literal(node.args, i) for i in spec]
            context, msgid, plural = texts
            if msgid is None or (spec[0] is not None and context is None):
                continue
            if spec[2] is not None and plural is None:
                continue
            yield context, msgid, plural, f"{path.relative_to(package)}:{node.lineno}"


def _helps(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """The help texts of a command module: ``help="..."`` and the docstring of each function
    decorated as a command or group (click shows it cleaned, as ``ast.get_docstring`` does)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "help" and isinstance(value, ast.Constant):
                    yield str(value.value), value.lineno
        elif isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield doc, node.lineno


def _is_command(decorator: ast.expr) -> bool:
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name in {"command", "group"}


def _literal(args: list[ast.expr], at: int | None) -> str | None:
    if at is None or at >= len(args):
        return None
    arg = args[at]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="cchc-score", fuzzy=False)
    for context, msgid, plural, _where in scan():
        catalog.add((msgid, plural) if plural else msgid, context=context)
    return catalog


def compiled(po: Path) -> bytes:
    """The .mo that ``po`` compiles to (fuzzy entries left out, as gettext tools do)."""
    with po.open("rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> list[Path]:
    """Write the template, merge it into every .po, compile every .mo; the .po files."""
    pot = template()
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, pot, sort_output=True, no_location=True, width=100)
    updated = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po.open("wb") as f:
            write_po(f, catalog, sort_output=True, no_location=True, width=100)
        po.with_suffix(".mo").write_bytes(compiled(po))
        updated.append(po)
    return updated


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for path in update():
        print(f"updated {path} and its .mo")
