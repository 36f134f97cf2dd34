"""The inbox folder: each file dropped there is sent to `news.raw` and leaves for `.done/` only once it has an account.

A file stays in the inbox until its account is on `news.accounts` (every article it gave is in the out
folder, or it was rejected). A daemon stopped in between, however, finds it there again at its next start
and sends it again under the same ingest id, so its articles are neither lost nor made duplicates of
themselves. Rules for what is read:

- a file is sent once it is complete: no process has it open for writing (a Linux file lease tells) and
  it has not changed for `settle` seconds (for `settle_fallback` seconds where leases are not available);
- a file that changes after it was sent (a writer that closes it between pieces) is sent again as a file of its
  own, once it has not changed for `settle_fallback` seconds, and the change is logged once with the remedy;
- names starting with a dot are skipped (`.done`, editors' swap files, `.name.part` copies in progress);
- symbolic links are skipped and never followed, so nothing outside the inbox is ever published, and so
  are FIFOs, sockets and devices (each is logged once);
- a file that vanishes before it is read is skipped; one that cannot be read is reported once and tried
  again later; a move to `.done/` that fails is reported once and retried, never sent again meanwhile.
"""

from __future__ import annotations

import asyncio
import errno
import fcntl
import logging
import os
import stat
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import xxhash
from watchfiles import Change, awatch

from agents.ops.metrics import INGESTED_FILES
from streams.ingest import ingest_document_id, shown_name
from streams.ledger import Account, counted

log = logging.getLogger("newswire")
DONE = ".done"
RETRY_SECONDS = 30.0
SCAN_SECONDS = 5.0
"""How often the inbox is listed even without a change that may bring a file, so nothing waits on one."""
POLL_SECONDS = 1.0
"""How often the inbox scans itself once the file watcher has stopped."""
NAME_MAX = 255
"""Bytes a file name may have on Linux file systems."""
SEND_AT_ONCE = 16

Send = Callable[["Drop"], Awaitable[int | None]]
"""Sends a file; returns a digest of the bytes sent (`content_digest`), None when none were (over the size limit)."""


def content_digest(data: bytes) -> int:
    """What tells a file's text from another's of the same size and times."""
    return xxhash.xxh3_64_intdigest(data)


@dataclass(frozen=True, slots=True)
class Drop:
    """One file in the inbox, as it was when found: its identity is its path, inode, size, mtime and ctime.

    The ctime changes at every write and cannot be set, so a file rewritten in place with its size and mtime
    kept (`cp -p`, `rsync -t`) is a new file; a change of permissions or links changes it too, and the inbox tells
    that from a rewrite by the file's bytes (`Inbox._as_sent`)."""

    path: Path
    relative: str
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @property
    def ingest_id(self) -> str:
        """The file's ingest id: the same file found again after a restart gets the same one."""
        identity = f"{self.relative}\0{self.inode}\0{self.size}\0{self.mtime_ns}\0{self.ctime_ns}"
        return xxhash.xxh3_128_hexdigest(identity.encode("utf-8", "surrogateescape"))

    @property
    def document_id(self) -> str:
        """The document id the pipeline gives the file, by which its account is known."""
        return ingest_document_id(self.ingest_id)


@dataclass
class Inbox:
    """Watches the folder, sends complete files, and moves each to `.done/` when its account arrives."""

    folder: Path
    send: Send
    settle: float = 0.2
    settle_fallback: float = 2.0
    in_flight: dict[str, Drop] = field(default_factory=dict)
    accounted: dict[str, Drop] = field(default_factory=dict)
    unsettled: int = 0
    paused: bool = False
    """While paused, files wait in the inbox unsent (see `agents.ops.recycle`)."""
    _reported: set[str] = field(default_factory=set)
    _retry_at: dict[str, float] = field(default_factory=dict)
    _sent: dict[str, Drop] = field(default_factory=dict)
    """The version sent of each file not yet moved to `.done/`, by name."""
    _digests: dict[str, int] = field(default_factory=dict)
    """The digest of the bytes sent of each of those, by name."""
    _same_bytes: dict[str, int] = field(default_factory=dict)
    """The ctime of each of those found with other metadata and the bytes sent, by name: read once, not each scan."""

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        done = self.folder / DONE
        if os.path.lexists(done) and not done.is_dir():
            log.warning("inbox: %s is not a folder, so no file can be moved there once accounted for: rename it",
                        done)  # fmt: skip

    async def watch(self) -> None:
        """Send what is already there (left by a stopped daemon), then whatever arrives, until cancelled.

        The file watcher cannot name a path that is not UTF-8 (`bad-\\xff-name.txt`) and stops on it; the inbox
        then scans itself every `POLL_SECONDS` instead, which reads such names as any other."""
        await self.scan()
        scanned = time.monotonic()
        try:
            async for changes in awatch(self.folder, recursive=True, step=50, rust_timeout=int(SCAN_SECONDS * 1000),
                                        yield_on_timeout=True):  # fmt: skip
                due = time.monotonic() - scanned >= SCAN_SECONDS
                if due or any(self.may_bring_a_file(change, path) for change, path in changes):
                    await self._scan_until_settled()
                    scanned = time.monotonic()
        except Exception as exc:
            while isinstance(exc, ExceptionGroup):  # watchfiles raises from a task group
                exc = exc.exceptions[0]
            log.warning("inbox: the file watcher stopped (%s); scanning %s every %.0f s instead",
                        exc, self.folder, POLL_SECONDS)  # fmt: skip
        while True:
            await asyncio.sleep(POLL_SECONDS)
            await self._scan_until_settled()

    def may_bring_a_file(self, change: Change, path: str) -> bool:
        """Whether a change may make a file ready to send: not a removal, nor a change under a hidden name (`.done/`).

        Each file moved to `.done/` would otherwise wake a scan of the whole inbox: with thousands of files
        waiting, scans of them all, one per account. Retries of failed moves and sends wait for the scan that
        comes every `SCAN_SECONDS` whatever happens.
        """
        if change == Change.deleted:
            return False
        return not any(part.startswith(".") for part in Path(os.path.relpath(path, self.folder)).parts)

    async def _scan_until_settled(self) -> None:
        """Scan, and again while some file is still being written."""
        await self.scan()
        while self.unsettled:
            await asyncio.sleep(self.settle)
            await self.scan()

    async def scan(self) -> None:
        """Send every complete file not sent yet, several at once; retry moves that failed."""
        found = [self._as_sent(drop) for drop in self._found()]
        names = {drop.relative for drop in found}
        for name in [name for name in self._sent if name not in names]:
            self._forget(name)
        ready = [] if self.paused else [drop for drop in found if self._is_ready(drop)]
        self.unsettled = sum(1 for drop in found if self._settling(drop))
        if ready:
            gate = asyncio.Semaphore(SEND_AT_ONCE)

            async def one(drop: Drop) -> None:
                async with gate:
                    await self._send(drop)

            await asyncio.gather(*(one(drop) for drop in ready))
        for key, drop in list(self.accounted.items()):
            if time.monotonic() >= self._retry_at.get(key, 0.0):
                self._finish(key, drop)

    def account(self, account: Account) -> None:
        """An account arrived: if it is for one of this inbox's files, move the file to `.done/`."""
        key = account["document_id"]
        drop = self.in_flight.pop(key, None)
        if drop is None:
            return
        summary = (f"{counted(account['articles'], 'article')}: {account['enriched']} enriched, "
                   f"{counted(account['duplicates'], 'duplicate')}, {account['rejected']} rejected")  # fmt: skip
        reasons = f" ({'; '.join(account['reasons'])})" if account["reasons"] else ""
        log.info("accounted for %s: %s%s", drop.relative, summary, reasons)
        INGESTED_FILES.labels("inbox").inc()
        self.accounted[key] = drop
        self._finish(key, drop)

    @property
    def busy(self) -> bool:
        """Whether some file sent from the inbox has no account yet, or waits to be moved to `.done/`."""
        return bool(self.in_flight or self.accounted)

    def _finish(self, key: str, drop: Drop) -> None:
        """Move an accounted file to `.done/`; a failure is reported once and retried later."""
        if self._found_as(drop) != drop:
            self.accounted.pop(key, None)  # replaced or removed meanwhile: a new file is sent on its own
            return
        if open_for_writing(drop.path):  # a writer that opened it may yet write to it: moved, that would be lost
            self._retry_at[key] = time.monotonic() + self.settle_fallback
            return
        try:
            target = done_path(self.folder, drop.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            drop.path.rename(target)
        except OSError as exc:
            self._report(key, f"could not move {drop.relative} to {DONE}/ ({exc.strerror}){_remedy(exc)}; will retry")
            self._retry_at[key] = time.monotonic() + RETRY_SECONDS
            return
        self.accounted.pop(key, None)
        self._retry_at.pop(key, None)
        if (sent := self._sent.get(drop.relative)) is not None and sent.document_id == key:
            self._forget(drop.relative)

    def _found(self) -> Iterator[Drop]:
        """Regular files in the inbox, oldest first, with what is skipped logged once."""
        found = []
        for path in _walk(self.folder, self._skipped):
            try:
                info = path.stat(follow_symlinks=False)
            except OSError:
                continue  # vanished since it was listed
            relative = shown_name(path.relative_to(self.folder).as_posix())
            found.append(Drop(path, relative, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        return iter(sorted(found, key=lambda drop: (drop.mtime_ns, drop.relative)))

    def _found_as(self, drop: Drop) -> Drop | None:
        """The file at a drop's path as the inbox takes it now (see `_as_sent`), None if there is none: the drop
        itself while the path still holds that very file."""
        try:
            info = drop.path.stat(follow_symlinks=False)
        except OSError:
            return None
        return self._as_sent(Drop(drop.path, drop.relative, info.st_ino, info.st_size, info.st_mtime_ns,
                                  info.st_ctime_ns))  # fmt: skip

    def _as_sent(self, drop: Drop) -> Drop:
        """The version sent of a file whose ctime alone changed since (its permissions, owner or links) and whose
        bytes are the ones sent, so it is neither sent again nor kept from `.done/`; else the file as found."""
        sent = self._sent.get(drop.relative)
        if sent is None or (sent.inode, sent.size, sent.mtime_ns) != (drop.inode, drop.size, drop.mtime_ns):
            return drop
        if sent.ctime_ns == drop.ctime_ns or self._same_bytes.get(drop.relative) == drop.ctime_ns:
            return sent
        digest = self._digests.get(drop.relative)
        try:
            same = digest is not None and content_digest(drop.path.read_bytes()) == digest
        except OSError:
            return drop
        if same:
            self._same_bytes[drop.relative] = drop.ctime_ns
            return sent
        return drop

    def _waiting(self, drop: Drop) -> bool:
        """Whether a file was sent already, or waits for a retry."""
        key = drop.document_id
        return key in self.in_flight or key in self.accounted or time.monotonic() < self._retry_at.get(key, 0.0)

    def _settling(self, drop: Drop) -> bool:
        """Whether a file may still be being written: open for writing, or changed too recently."""
        if self._waiting(drop):
            return False
        writing = open_for_writing(drop.path)
        age = time.time() - drop.mtime_ns / 1e9
        quick = writing is False and not self._written_in_pieces(drop)
        return bool(writing) or age < (self.settle if quick else self.settle_fallback)

    def _written_in_pieces(self, drop: Drop) -> bool:
        """Whether the file changed in place after a version of it was sent: its writer closes it between pieces, so
        it is given the long settle, and the user is told once how to drop files whole."""
        sent = self._sent.get(drop.relative)
        if sent is None or sent.inode != drop.inode or sent.document_id == drop.document_id or drop.size <= sent.size:
            return False  # not grown in place: a new file (whose inode may be the old one's), or rewritten whole
        self._report(f"pieces:{drop.relative}", f"inbox: {drop.relative} changed after it was sent, so each version "
                     "is a file of its own; write files elsewhere, or under a name starting with a dot, and rename "
                     "them into the inbox", logging.WARNING)  # fmt: skip
        return True

    def _is_ready(self, drop: Drop) -> bool:
        """Whether a file is complete and not yet sent."""
        return not self._waiting(drop) and not self._settling(drop)

    async def _send(self, drop: Drop) -> None:
        """Send one file; a failure to read or send is reported once and tried again later."""
        key = drop.document_id
        self.in_flight[key] = drop
        try:
            digest = await self.send(drop)
            self._sent[drop.relative] = drop
            self._same_bytes.pop(drop.relative, None)
            if digest is None:
                self._digests.pop(drop.relative, None)
            else:
                self._digests[drop.relative] = digest
        except FileNotFoundError:
            self.in_flight.pop(key, None)  # gone before it was read
        except Exception as exc:
            self.in_flight.pop(key, None)
            self._report(key, f"could not send {drop.relative} ({exc}); will retry")
            self._retry_at[key] = time.monotonic() + RETRY_SECONDS

    def _forget(self, name: str) -> None:
        """Forget the version sent of a file moved to `.done/` or gone, and that it was told about being written in
        pieces, so a long run keeps nothing per file it has finished with."""
        del self._sent[name]
        self._digests.pop(name, None)
        self._same_bytes.pop(name, None)
        self._reported.discard(f"pieces:{name}")

    def _report(self, key: str, message: str, level: int = logging.ERROR) -> None:
        """Log a problem with one file once, however often it recurs."""
        if key not in self._reported:
            self._reported.add(key)
            log.log(level, message)

    def _skipped(self, path: Path, why: str) -> None:
        """Log a path the inbox does not read, once."""
        self._report(f"skip:{path}", f"inbox: skipped {path}: {why}", logging.WARNING)


def _remedy(exc: OSError) -> str:
    """What a user can do about a file the inbox could not move."""
    if exc.errno in (errno.EPERM, errno.EACCES):
        return ": check the permissions and attributes of the file and its folder (ls -l, lsattr)"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f": {DONE} in the inbox must be a folder"
    return ""


def _walk(folder: Path, skip: Callable[[Path, str], None]) -> Iterator[Path]:
    """Regular files under the folder, never through a link, hidden names and other kinds of file left out."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode):
            skip(path, "symbolic links are not followed (copy the file in instead)")
        elif stat.S_ISDIR(mode):
            yield from _walk(path, skip)
        elif stat.S_ISREG(mode):
            yield path
        else:
            skip(path, "not a regular file (FIFO, socket or device)")


F_SETLEASE = getattr(fcntl, "F_SETLEASE", 1024)


def open_for_writing(path: Path) -> bool | None:
    """Whether some process has the file open for writing (a Linux read lease is refused then); None if unknown."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fcntl.fcntl(fd, F_SETLEASE, fcntl.F_RDLCK)
    except OSError as exc:
        return True if exc.errno in (errno.EAGAIN, errno.EBUSY) else None
    else:
        fcntl.fcntl(fd, F_SETLEASE, fcntl.F_UNLCK)
        return False
    finally:
        os.close(fd)


def done_path(inbox: Path, path: Path) -> Path:
    """Where an accounted file goes, never overwriting an earlier file of the same name, nor a folder's name taken by a
    file (`sub/x.txt` after a file `sub` went to `.done/sub` goes to `.done/sub.1/x.txt`); a name at the length limit
    gives up its end for the number (`….1`)."""
    target = inbox / DONE
    *folders, name = path.relative_to(inbox).parts
    for folder in folders:
        target = _numbered(target / folder, lambda candidate: candidate.is_dir() and not candidate.is_symlink())
    return _numbered(target / name, lambda candidate: False)


def _numbered(target: Path, reusable: Callable[[Path], bool]) -> Path:
    """`target`, or the first of `target.1`, `target.2`… that does not exist yet or may be used as it is; a UTF-8 name
    cut to fit keeps whole characters (a cut one stops the file watcher, which reads names as UTF-8)."""
    name, n = os.fsencode(target.name), 1
    while os.path.lexists(target) and not reusable(target):
        suffix = f".{n}".encode()
        target = target.with_name(os.fsdecode(_cut(name, NAME_MAX - len(suffix)) + suffix))
        n += 1
    return target


def _cut(name: bytes, size: int) -> bytes:
    """A name's first `size` bytes; of a UTF-8 name, whole characters only."""
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return name[:size]
    return name[:size].decode("utf-8", "ignore").encode("utf-8")
