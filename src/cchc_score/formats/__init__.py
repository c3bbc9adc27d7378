"""Every reader and writer of a file format, one module per format.

- :mod:`.limits`: the limits any file is held to (sizes, nesting, aliases, workbook ranges),
  each overridable by a ``CCHC_SCORE_MAX_*`` environment variable (docs/limits.md).
- :mod:`.text`: a file's UTF-8 text, with errors naming the file; the size check.
- :mod:`.yamlfile`: the strict YAML loader (duplicate keys refused, exact decimals, dates
  checked) and the YAML writer.
- :mod:`.jsonfile`: the strict JSON parser (same rules as YAML) and the JSON writer.
- :mod:`.document`: a parsed YAML or JSON file and the line of each part of it, for errors.
- :mod:`.csvfile`: CSV tables in (comma, semicolon or tab) and out.
- :mod:`.xlsx`: cells in and out of .xlsx workbooks. It imports openpyxl, so it is imported
  only where a workbook is read or written; nothing here imports it.

Domain modules say what a file means; these say how it is spelt.
"""

from __future__ import annotations

DATA_SUFFIXES = (".yaml", ".yml", ".json")
#: Read by cchc_score.workbook; .xls is there to say it must be saved as .xlsx first.
WORKBOOK_SUFFIXES = (".xlsx", ".xls")

__all__ = ["DATA_SUFFIXES", "WORKBOOK_SUFFIXES"]
