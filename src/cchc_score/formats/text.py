"""A file's text, with errors a user can act on."""

from __future__ import annotations

from pathlib import Path

from cchc_score.errors import InputFileError


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
