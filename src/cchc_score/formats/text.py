"""A file's text, with errors a user can act on."""

from __future__ import annotations

from pathlib import Path

from cchc_score.errors import InputFileError, msg

from .limits import byte_limit


def check_size(path: Path) -> None:
    """Refuse a file larger than its format's limit before reading it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says why
    variable, most = byte_limit(path.suffix)
    if size > most and path.is_file():
        raise InputFileError(
            msg(
                "{size:,} bytes, more than the {most:,} allowed (raise {variable} to read it)",
                size=size,
                most=most,
                variable=variable,
            ),
            file=str(path),
        )


def read_text(path: Path) -> str:
    """A file's UTF-8 text (a BOM is dropped); InputFileError naming the file when unreadable
    or larger than its format's limit."""
    check_size(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(msg("file not found"), file=str(path)) from None
    except IsADirectoryError:
        raise InputFileError(msg("is a folder, expected a file"), file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputFileError(
            msg(
                "not UTF-8 text (byte {byte:#x} at offset {offset})",
                byte=exc.object[exc.start],
                offset=exc.start,
            ),
            file=str(path),
        ) from None
    except OSError as exc:
        raise InputFileError(msg("cannot read: {why}", why=exc.strerror), file=str(path)) from None
