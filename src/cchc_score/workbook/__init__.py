"""Spreadsheets (.xlsx) where staff already work.

- Self-assessment workbooks: :func:`write_workbook` writes one for a criteria set (empty, or
  filled from an assessment file) and :func:`read_workbook` reads a filled one back.
- Criteria tables: :func:`read_pack_workbook` turns a criteria table typed in a spreadsheet into
  a criteria set; :func:`write_pack_workbook` writes a set as such a table.
"""

from __future__ import annotations

from .pack import pack_yaml, read_pack_workbook, write_pack_workbook
from .reader import read_workbook
from .template import write_workbook

__all__ = [
    "pack_yaml",
    "read_pack_workbook",
    "read_workbook",
    "write_pack_workbook",
    "write_workbook",
]
