"""Writing output files safely.

Every command checks all its outputs at once, before any work, with :func:`check_outputs`: an
output is refused when it is, or reaches through a link or a hard link, one of the files the
command reads, or another of its outputs. A file is then written whole (a temporary file in the
same folder, moved into place in one step), so a reader never sees half a file and a failed write
leaves the previous file as it was. Without ``overwrite`` the final step creates the file only if
it still does not exist, so of two writers of the same new file exactly one succeeds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputFileError, msg

_EXISTS = msg("already exists; use --force to overwrite it")
_SPECIAL = msg("is not a regular file (a folder, a device or a pipe); choose a file name")
_NO_FOLDER = msg("the folder to write into does not exist")


def write_with(
    path: str | Path, write: Callable[[Path], object], *, overwrite: bool = True
) -> Path:
    """Call ``write(tmp_path)`` then move the temporary file onto ``path`` in one step.

    With ``overwrite=False`` the move fails, naming ``path``, when the file exists by then (it
    was created since it was checked), instead of replacing it.
    """
    shown = Path(path)
    # Through a link, the file it points at is replaced and the link kept (check_outputs has
    # made sure beforehand that it is no input).
    path = shown.resolve() if shown.is_symlink() else shown
    if path.exists() and not path.is_file():
        raise InputFileError(_SPECIAL, file=str(shown))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputFileError(_NO_FOLDER, file=str(shown))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputFileError(
            msg("cannot write here: {why}", why=exc.strerror), file=str(shown)
        ) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        # mkstemp makes the file private (0600); give it the mode a new file would have.
        os.chmod(tmp, 0o666 & ~_umask())
        if overwrite:
            os.replace(tmp, path)
        else:
            _create(tmp, path)
    except FileExistsError:
        raise InputFileError(_EXISTS, file=str(shown)) from None
    except OSError as exc:
        raise InputFileError(
            msg("cannot write: {why}", why=exc.strerror or str(exc)), file=str(shown)
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return shown


def _create(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if ``path`` does not exist, in one step.

    A hard link fails when its name exists (FileExistsError); the temporary name is then
    removed by the caller. Where hard links are not supported, the last check and the rename
    are two steps: the best the file system offers.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.rename(tmp, path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes(path: str | Path, data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`write_with` for ``overwrite``)."""
    return write_with(path, lambda tmp: tmp.write_bytes(data), overwrite=overwrite)


def write_text(path: str | Path, text: str, *, overwrite: bool = True) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_with`)."""
    return write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def _identity(path: Path) -> tuple[object, ...]:
    """What names one file however it is reached: its device and inode when it exists (links
    and hard links followed), else its absolute path with every link resolved."""
    try:
        st = path.stat()
    except OSError:
        return ("path", path.resolve())
    return ("inode", st.st_dev, st.st_ino)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve() or _identity(a) == _identity(b)


def check_outputs(
    outputs: Iterable[str | Path | None],
    inputs: Iterable[str | Path] = (),
    *,
    overwrite: bool = False,
) -> tuple[Path, ...]:
    """Check every output of a command against every file it reads and against each other,
    before any work; the outputs given (``None`` entries, options not used, left out).

    Refused, naming the output: an output that is an input (by name, through a symbolic link or
    as a hard link of it), two outputs that are one file, a folder or special file, a missing
    folder, and without ``overwrite`` an existing file. ``inputs`` are files: a command that
    reads a folder passes the files it reads in it.
    """
    chosen = [Path(p) for p in outputs if p is not None]
    read = [Path(p) for p in inputs]
    read_ids = {_identity(p) for p in read} | {("path", p.resolve()) for p in read}
    for i, path in enumerate(chosen):
        if _identity(path) in read_ids or ("path", path.resolve()) in read_ids:
            raise InputFileError(
                msg("the output would overwrite an input file; choose another name"),
                file=str(path),
            )
        for other in chosen[:i]:
            if _same(path, other):
                raise InputFileError(
                    msg("is also the output {other}: two outputs cannot be one file", other=other),
                    file=str(path),
                )
        _check_place(path, overwrite)
    return tuple(chosen)


def _check_place(path: Path, overwrite: bool) -> None:
    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise InputFileError(_NO_FOLDER, file=str(path))
    if path.exists() and not path.is_file():
        raise InputFileError(_SPECIAL, file=str(path))
    if path.exists() and not overwrite:
        raise InputFileError(_EXISTS, file=str(path))


def check_output(
    path: str | Path, *, inputs: Iterable[str | Path] = (), overwrite: bool = False
) -> Path:
    """:func:`check_outputs` for a command with one output."""
    return check_outputs([path], inputs, overwrite=overwrite)[0]
