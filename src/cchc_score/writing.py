"""Writing output files atomically: a temporary file in the same folder, then ``os.replace``.

A reader never sees half a file, and a failed write leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputFileError


def write_with(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp_path)`` then move the temporary file onto ``path`` in one step."""
    shown = Path(path)
    # Through a link, the file it points at is replaced and the link kept.
    path = shown.resolve() if shown.is_symlink() else shown
    if path.exists() and not path.is_file():
        raise InputFileError(
            "is not a regular file (a folder, a device or a pipe); choose a file name"
            " / không phải tệp thông thường: hãy chọn tên tệp",
            file=str(shown),
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputFileError(
            "the folder to write into does not exist / thư mục để ghi không tồn tại",
            file=str(shown),
        )
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputFileError(f"cannot write here: {exc.strerror}", file=str(shown)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        # mkstemp makes the file private (0600); give it the mode a new file would have.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise InputFileError(f"cannot write: {exc.strerror or exc}", file=str(shown)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return shown


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return write_with(path, lambda tmp: tmp.write_bytes(data))


def write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    return write_bytes(path, text.encode("utf-8"))


def check_output(
    path: str | Path, *, inputs: Iterable[str | Path] = (), overwrite: bool = False
) -> Path:
    """Refuse to write over an input, or over an existing file unless ``overwrite``."""
    path = Path(path)
    target = path.resolve()
    for source in inputs:
        if Path(source).resolve() == target:
            raise InputFileError(
                "the output would overwrite an input file; choose another name"
                " / tệp ghi ra sẽ đè lên tệp đầu vào: hãy chọn tên khác",
                file=str(path),
            )
    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise InputFileError(
            "the folder to write into does not exist / thư mục để ghi không tồn tại", file=str(path)
        )
    if path.exists() and not path.is_file():
        raise InputFileError(
            "is not a regular file (a folder, a device or a pipe); choose a file name"
            " / không phải tệp thông thường: hãy chọn tên tệp",
            file=str(path),
        )
    if path.exists() and not overwrite:
        raise InputFileError(
            "already exists; use --force to overwrite it / tệp đã có, thêm --force để ghi đè",
            file=str(path),
        )
    return path
