"""Every byte factcheck writes to a file: the report (-o), a baseline, a fixed document. None of them may lose
or change a byte of a file the user did not ask to change:

- a write goes to the end of a path's symlinks (the link stays a link), through a temporary file beside
  the target renamed over it, so a reader (or a kill -9) sees the old file or the new one, never half;
  the target's permission bits and owner are kept (a root run fixing a colleague's file leaves it theirs);
- a file with several hard links is refused, not split: renaming a new file over one name would leave the
  other names with the old text;
- a folder, a device, a FIFO or a socket is refused as a baseline or a fixed document (as root, replacing
  /dev/full with a regular file is one rename away); a report may go to a device or a pipe (-o /dev/null,
  -o >(gzip)), written there directly;
- a report path that is one of the run's inputs is refused before anything is opened.

Errors while writing (a full disk, a closed pipe) surface as OutputError, which the CLI turns into exit 2.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

# A run's exit status: clean, findings, a usage, input or output error, an error of factcheck's own.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def say(message: str) -> None:
    """A line on standard error, if there is one (a run with stderr closed still finishes)."""
    if sys.stderr is not None:
        try:
            print(message, file=sys.stderr)
        except (OSError, ValueError):
            pass



class WriteRefused(Exception):
    """A path factcheck will not write to; the message says why."""


class OutputError(Exception):
    """Writing an output failed (ENOSPC, EPIPE, EIO …); broken_pipe: the reader went away."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"{name}: 无法写入 (cannot write): {error.strerror or error}")
        self.broken_pipe = isinstance(error, BrokenPipeError)


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "是文件夹 (is a folder)"
    if stat.S_ISFIFO(mode):
        return "是命名管道 (is a FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备文件 (is a device)"
    if stat.S_ISSOCK(mode):
        return "是套接字 (is a socket)"
    return "不是普通文件 (not a regular file)"


def regular_target(path: str | os.PathLike) -> tuple[Path, os.stat_result | None]:
    """The file a write to path changes (the end of its symlinks) and its stat, None when it is new.
    Refuses a target that is not a regular file, that has other hard links, or whose folder is missing."""
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise WriteRefused(f"{path}: 所在文件夹不存在 (no such folder: {real.parent})") from None
        return real, None
    except OSError as exc:
        raise WriteRefused(f"{path}: 无法访问 (cannot access): {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(f"{path}: {_describe(st.st_mode)}，拒绝写入 (refused)")
    if st.st_nlink > 1:
        raise WriteRefused(f"{path}: 有 {st.st_nlink} 个硬链接，改写会使它们分离，拒绝写入 "
                           f"(has {st.st_nlink} hard links; rewriting it would split them: refused)")
    return real, st


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary_beside(target: Path) -> tuple[int, str]:
    import tempfile  # lazy: with shutil and random, on every start-up (--version too) otherwise

    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".factcheck-tmp", dir=target.parent)


def _adopt(fd: int, st: os.stat_result | None, shown: str) -> None:
    """Give the temporary file the target's permission bits and owner (a new file: the umask's bits)."""
    if st is None:
        os.fchmod(fd, 0o666 & ~_umask())
        return
    os.fchmod(fd, stat.S_IMODE(st.st_mode))
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except PermissionError:
            raise WriteRefused(f"{shown}: 无法保留文件的所有者，拒绝改写 "
                               "(cannot keep the file's owner: refused)") from None
        os.fchmod(fd, stat.S_IMODE(st.st_mode))  # chown clears the set-id bits


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Replace the file at path (through its symlinks) with data, atomically, keeping its mode and owner."""
    target, st = regular_target(path)
    fd, temp = _temporary_beside(target)
    try:
        _adopt(fd, st, str(path))
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        if fd != -1:
            os.close(fd)
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


class _GuardedBuffer:
    def __init__(self, buffer, name: str) -> None:
        self._buffer, self._name = buffer, name

    def write(self, data: bytes) -> int:
        try:
            return self._buffer.write(data)
        except OSError as exc:
            raise OutputError(self._name, exc) from None


class GuardedStream:
    """A text stream whose write errors become OutputError (the formatters write to it as to any stream)."""

    def __init__(self, stream, name: str) -> None:
        self._stream, self.name = stream, name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputError(self.name, exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(self.name, exc) from None

    @property
    def buffer(self) -> _GuardedBuffer:
        """The byte stream under the text (the JSON report writes stored records there), its write errors
        OutputError too; AttributeError when the stream has none."""
        return _GuardedBuffer(self._stream.buffer, self.name)

    def __getattr__(self, name):  # isatty, encoding, fileno: what rich asks a file
        return getattr(self._stream, name)

    def commit(self) -> None:
        self.flush()

    def discard(self) -> None:
        pass


class AtomicOutput(GuardedStream):
    """-o FILE: written to a hidden temporary file beside the target and renamed over it when the report is
    complete (commit), so a failed run leaves the old report, and a run whose output lies inside a folder it
    checks never reads its own half-written report."""

    def __init__(self, path: str, target: Path, st: os.stat_result | None) -> None:
        self._target = target
        self._fd, self._temp = _temporary_beside(target)
        try:
            _adopt(self._fd, st, path)
            stream = os.fdopen(self._fd, "w", encoding="utf-8", newline="\n", errors="backslashreplace")
        except BaseException:
            os.close(self._fd)
            os.unlink(self._temp)
            raise
        super().__init__(stream, path)

    def commit(self) -> None:
        try:
            self._stream.flush()
            os.fsync(self._stream.fileno())
            self._stream.close()
            os.replace(self._temp, self._target)
        except OSError as exc:
            self.discard()
            raise OutputError(self.name, exc) from None

    def discard(self) -> None:
        _close_quietly(self._stream)
        try:
            os.unlink(self._temp)
        except FileNotFoundError:
            pass


def same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_not_input(path: str, inputs) -> None:
    """Refuse an output path that is one of the inputs (by device and inode, so links and other spellings
    of the same file count)."""
    try:
        out = os.stat(path)
    except OSError:
        return  # a new file is no input
    if not stat.S_ISREG(out.st_mode):
        return
    for name in inputs:
        try:
            if same_file(os.stat(name), out):
                raise WriteRefused(f"{path}: 也是本次运行的输入文件，拒绝覆盖 (is also an input of this run: "
                                   f"refused, nothing was written)")
        except OSError:
            continue


def open_output(path: str | None, inputs=()) -> GuardedStream:
    """The report's stream: standard output, or -o FILE (atomically; a device or a pipe directly). Raises
    WriteRefused or OutputError."""
    if not path:
        if sys.stdout is None:
            raise OutputError("<stdout>", OSError(9, "标准输出已关闭 (standard output is closed)"))
        return GuardedStream(sys.stdout, "<stdout>")
    check_not_input(path, inputs)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteRefused(f"{path}: 无法访问 (cannot access): {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        try:  # /dev/null, /dev/stdout, a pipe: nothing there to lose
            stream = open(path, "w", encoding="utf-8", newline="\n", errors="backslashreplace")
        except OSError as exc:
            raise OutputError(path, exc) from None
        return _DirectOutput(stream, path)
    target, st = regular_target(path)
    try:
        return AtomicOutput(path, target, st)
    except OSError as exc:
        raise OutputError(path, exc) from None


class _DirectOutput(GuardedStream):
    def commit(self) -> None:
        try:
            self._stream.close()
        except OSError as exc:
            raise OutputError(self.name, exc) from None

    def discard(self) -> None:
        _close_quietly(self._stream)


def _close_quietly(stream) -> None:
    """Close a stream being given up: an error closing it changes nothing of what is reported."""
    try:
        stream.close()
    except OSError:
        pass
