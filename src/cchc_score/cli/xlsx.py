"""Checks shared by the commands that write workbooks with ``-o FILE.xlsx`` (not a command)."""

from __future__ import annotations

from pathlib import Path

import click


def check_xlsx_export(export: Path | None, as_xlsx: bool) -> None:
    """Refuse --export with -o FILE.xlsx: the workbook replaces the printed report, as the JSON
    does, so the exported report would be of nothing shown."""
    if export is not None and as_xlsx:
        raise click.UsageError(
            "--export lưu báo cáo, không dùng cùng -o FILE.xlsx / --export saves the report; it"
            " does not go with -o FILE.xlsx"
        )
