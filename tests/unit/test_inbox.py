"""The inbox on a real folder: what it sends, what it skips, and when a file leaves for `.done/`."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from agents.inbox import DONE, NAME_MAX, Drop, Inbox, content_digest, done_path, open_for_writing
from streams.ledger import Account


def account_for(drop: Drop) -> Account:
    return Account(document_id=drop.document_id, filename=drop.path.name, size=drop.size, articles=1, enriched=1,
                   duplicates=0, rejected=0, reasons=[], accounted_at="2026-12-03T12:00:00+00:00")  # fmt: skip


class Recorder:
    """A send that records what the inbox sent, optionally failing."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[Drop] = []
        self.fail = fail

    async def __call__(self, drop: Drop) -> int:
        if self.fail:
            raise OSError("broker refused")
        self.sent.append(drop)
        return content_digest(drop.path.read_bytes())


def aged(path: Path, data: bytes = b"story") -> Path:
    """A file written and closed a while ago."""
    path.write_bytes(data)
    past = time.time() - 5
    os.utime(path, (past, past))
    return path


def sent_story(tmp_path: Path, data: bytes) -> tuple[Path, Recorder, Inbox, Path]:
    """An inbox that gives a file changed in place the long settle, with one story in it already sent."""
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = Inbox(folder, send, settle=0.2, settle_fallback=2.0)
    story = aged(folder / "story.txt", data)
    asyncio.run(inbox.scan())
    return folder, send, inbox, story


def test_complete_files_are_sent_and_leave_only_with_their_account(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = Inbox(folder, send)
    aged(folder / "a.txt")
    (folder / "sub").mkdir()
    aged(folder / "sub" / "b.txt")
    asyncio.run(inbox.scan())
    assert sorted(d.relative for d in send.sent) == ["a.txt", "sub/b.txt"]
    asyncio.run(inbox.scan())
    assert len(send.sent) == 2, "a file in flight is not sent again"
    assert (folder / "a.txt").exists()
    inbox.account(account_for(send.sent[0]))
    assert (folder / DONE / send.sent[0].relative).exists()
    assert not send.sent[0].path.exists()


def test_links_fifos_hidden_names_and_open_files_are_not_sent(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = Inbox(folder, send)
    secret = aged(tmp_path / "secret.txt", b"root:x:0:0")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe")
    aged(folder / ".swap.part")
    with (folder / "growing.txt").open("wb") as writer:
        writer.write(b"first chunk")
        writer.flush()
        past = time.time() - 5
        os.utime(folder / "growing.txt", (past, past))
        assert open_for_writing(folder / "growing.txt") is True
        asyncio.run(inbox.scan())
        assert send.sent == []
        assert inbox.unsettled == 1
    asyncio.run(inbox.scan())
    assert [d.relative for d in send.sent] == ["growing.txt"], "sent once its writer closed it"
    assert open_for_writing(folder / "growing.txt") is False


def test_a_fresh_file_waits_for_the_settle_window(tmp_path: Path) -> None:
    send = Recorder()
    inbox = Inbox(tmp_path / "inbox", send, settle=0.5)
    (tmp_path / "inbox" / "new.txt").write_bytes(b"story")
    asyncio.run(inbox.scan())
    assert send.sent == []
    time.sleep(0.6)
    asyncio.run(inbox.scan())
    assert len(send.sent) == 1


def test_the_same_file_found_after_a_restart_keeps_its_ids(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    aged(folder / "a.txt")
    first = Recorder()
    asyncio.run(Inbox(folder, first).scan())
    second = Recorder()
    asyncio.run(Inbox(folder, second).scan())
    assert second.sent[0].document_id == first.sent[0].document_id
    (folder / "a.txt").unlink()
    aged(folder / "a.txt")
    third = Recorder()
    asyncio.run(Inbox(folder, third).scan())
    assert third.sent[0].document_id != first.sent[0].document_id, "a new file under the same name is new"


def test_a_failed_send_is_reported_once_and_not_retried_at_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "inbox"
    inbox = Inbox(folder, Recorder(fail=True))
    aged(folder / "a.txt")
    for _ in range(3):
        asyncio.run(inbox.scan())
    assert len([r for r in caplog.records if "could not send a.txt" in r.message]) == 1
    assert inbox.in_flight == {}


def test_a_name_at_the_length_limit_dropped_again_gets_a_numbered_name_that_fits(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    name = "a" * (NAME_MAX - 4) + ".txt"
    (folder / DONE).mkdir(parents=True)
    (folder / DONE / name).write_bytes(b"first")
    first = done_path(folder, folder / name)
    assert len(os.fsencode(first.name)) <= NAME_MAX
    first.write_bytes(b"second")
    second = done_path(folder, folder / name)
    assert second not in {first, folder / DONE / name}
    assert (first.name[-2:], second.name[-2:]) == (".1", ".2")


def test_a_file_changed_after_it_was_sent_waits_the_long_settle_and_the_user_is_told_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A writer that closes the file between pieces had every piece sent, each a file of its own (ten for one story).
    folder, send, inbox, story = sent_story(tmp_path, b"first piece")
    for piece in (b" second piece", b" third piece"):
        with story.open("ab") as writer:
            writer.write(piece)
        past = time.time() - 0.5  # past the short settle, within the long one
        os.utime(story, (past, past))
        asyncio.run(inbox.scan())
    assert [drop.size for drop in send.sent] == [len(b"first piece")], "not sent while it may still grow"
    assert inbox.unsettled == 1
    past = time.time() - 5
    os.utime(story, (past, past))
    asyncio.run(inbox.scan())
    assert [drop.size for drop in send.sent] == [11, 36], "the whole file once it rests"
    warned = [r.message for r in caplog.records if "changed after it was sent" in r.message]
    assert warned == ["inbox: story.txt changed after it was sent, so each version is a file of its own; write files "
                      "elsewhere, or under a name starting with a dot, and rename them into the inbox"]  # fmt: skip
    for drop in send.sent:
        inbox.account(account_for(drop))
    assert (folder / DONE / "story.txt").read_bytes() == b"first piece second piece third piece"
    replaced = aged(folder / "story.txt", b"a new story")
    fresh = time.time() - 0.5
    os.utime(replaced, (fresh, fresh))
    asyncio.run(inbox.scan())
    assert send.sent[-1].size == len(b"a new story"), "a new file under a name already moved has the short settle"


def test_a_file_a_writer_holds_open_is_not_moved_when_its_account_comes(tmp_path: Path) -> None:
    # Review: a writer that opened the file for its next piece (`curl ... >> inbox/story.txt`) wrote into the file
    # after it was moved to .done/, and that piece was never sent.
    _, send, inbox, story = sent_story(tmp_path, b"first piece")
    with story.open("ab") as writer:
        inbox.account(account_for(send.sent[0]))
        assert story.exists(), "not moved while a writer holds it"
        writer.write(b" second piece")
    past = time.time() - 5
    os.utime(story, (past, past))
    asyncio.run(inbox.scan())
    assert [drop.size for drop in send.sent] == [11, 24]


def test_a_new_file_under_a_sent_name_or_a_failed_send_is_not_taken_for_pieces(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Review: a file deleted and written anew may get the old inode back; a send that failed sent nothing.
    folder, send, inbox, story = sent_story(tmp_path, b"a longer first story")
    inode = story.stat().st_ino
    story.write_bytes(b"a new story")  # rewritten whole, in place: the same inode, shorter
    fresh = time.time() - 0.5
    os.utime(story, (fresh, fresh))
    assert story.stat().st_ino == inode
    asyncio.run(inbox.scan())
    assert [drop.size for drop in send.sent] == [20, 11]
    failing = Inbox(folder / "other", Recorder(fail=True), settle=0.2, settle_fallback=2.0)
    dropped = aged(folder / "other" / "x.txt", b"short")
    asyncio.run(failing.scan())
    with dropped.open("ab") as writer:
        writer.write(b" and longer")
    os.utime(dropped, (fresh, fresh))
    failing._retry_at.clear()
    asyncio.run(failing.scan())
    assert not any("changed after it was sent" in record.message for record in caplog.records)


def test_a_numbered_name_cut_to_fit_keeps_whole_characters(tmp_path: Path) -> None:
    # Review: a name cut inside a UTF-8 character stopped the file watcher, which reads names as UTF-8.
    folder = tmp_path / "inbox"
    name = "н" * 127 + "x"  # 255 bytes
    (folder / DONE).mkdir(parents=True)
    (folder / DONE / name).write_bytes(b"first")
    numbered = done_path(folder, folder / name)
    assert numbered.name == "н" * 126 + ".1"


def test_a_done_that_links_to_a_folder_is_used_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "archive").mkdir()
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / DONE).symlink_to(tmp_path / "archive", target_is_directory=True)
    send = Recorder()
    inbox = Inbox(folder, send)
    aged(folder / "a.txt")
    asyncio.run(inbox.scan())
    inbox.account(account_for(send.sent[0]))
    assert (tmp_path / "archive" / "a.txt").exists()
    assert not any("is not a folder" in record.message for record in caplog.records)


def test_a_folder_whose_name_a_file_took_in_done_gets_a_numbered_name(tmp_path: Path) -> None:
    # `.done/sub` a file, then `sub/x.txt` dropped: the move failed for ever with "File exists".
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = Inbox(folder, send)
    aged(folder / "sub")
    asyncio.run(inbox.scan())
    inbox.account(account_for(send.sent[0]))
    assert (folder / DONE / "sub").is_file()
    (folder / "sub").mkdir()
    aged(folder / "sub" / "x.txt")
    asyncio.run(inbox.scan())
    inbox.account(account_for(send.sent[1]))
    assert (folder / DONE / "sub.1" / "x.txt").read_bytes() == b"story"
    aged(folder / "sub" / "y.txt")
    asyncio.run(inbox.scan())
    inbox.account(account_for(send.sent[2]))
    assert (folder / DONE / "sub.1" / "y.txt").exists(), "a numbered folder is used again"


def test_a_done_that_is_not_a_folder_is_reported_at_start_and_in_each_failed_move(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / DONE).write_bytes(b"")
    send = Recorder()
    inbox = Inbox(folder, send)
    assert any(".done is not a folder" in r.message and r.message.endswith("rename it") for r in caplog.records)
    aged(folder / "a.txt")
    asyncio.run(inbox.scan())
    inbox.account(account_for(send.sent[0]))
    assert [r.message for r in caplog.records if "could not move" in r.message] == [
        "could not move a.txt to .done/ (File exists): .done in the inbox must be a folder; will retry"
    ]


def test_a_name_that_is_not_utf_8_is_sent_and_moved_like_any_other(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = Inbox(folder, send)
    aged(folder / os.fsdecode(b"bad-\xff\xfe-name.txt"))
    asyncio.run(inbox.scan())
    assert [os.fsencode(drop.path.name) for drop in send.sent] == [b"bad-\xff\xfe-name.txt"]
    assert send.sent[0].relative == "bad-\\xff\\xfe-name.txt"
    inbox.account(account_for(send.sent[0]))
    assert (folder / DONE / send.sent[0].path.name).exists()


def test_a_name_the_file_watcher_cannot_read_does_not_stop_the_inbox(tmp_path: Path) -> None:
    # watchfiles cannot turn a path that is not UTF-8 into a string and stops; the inbox goes on scanning.
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = Inbox(folder, send, settle=0.05, settle_fallback=0.05)

    async def watch_while_files_arrive() -> bool:
        watching = asyncio.create_task(inbox.watch())
        await asyncio.sleep(0.5)
        (folder / os.fsdecode(b"bad-\xff-name.txt")).write_bytes(b"story")
        await asyncio.sleep(0.5)
        (folder / "good.txt").write_bytes(b"story")
        for _ in range(100):
            if len(send.sent) == 2 or watching.done():
                break
            await asyncio.sleep(0.1)
        still_watching = not watching.done()
        watching.cancel()
        return still_watching

    assert asyncio.run(watch_while_files_arrive())
    assert sorted(os.fsencode(drop.path.name) for drop in send.sent) == [b"bad-\xff-name.txt", b"good.txt"]


class CountingInbox(Inbox):
    """An inbox that counts its scans."""

    scans = 0

    async def scan(self) -> None:
        self.scans += 1
        await super().scan()


def test_files_leaving_for_done_wake_no_scan_and_a_new_file_still_does(tmp_path: Path) -> None:
    # Each move to .done/ used to wake a scan of the whole inbox; with thousands waiting, one per account.
    folder = tmp_path / "inbox"
    send = Recorder()
    inbox = CountingInbox(folder, send, settle=0.05, settle_fallback=0.05)
    for n in range(5):
        aged(folder / f"{n}.txt")

    async def account_all_then_drop_one() -> tuple[int, int]:
        watching = asyncio.create_task(inbox.watch())
        while len(send.sent) < 5:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        inbox.scans = 0
        for drop in list(send.sent):
            inbox.account(account_for(drop))
        await asyncio.sleep(1.0)
        after_moves = inbox.scans
        (folder / "new.txt").write_bytes(b"story")
        for _ in range(40):
            if len(send.sent) == 6:
                break
            await asyncio.sleep(0.05)
        watching.cancel()
        return after_moves, len(send.sent)

    after_moves, sent = asyncio.run(account_all_then_drop_one())
    assert len(list((folder / DONE).iterdir())) == 5
    assert after_moves == 0
    assert sent == 6, "a file dropped is sent at once, not at the next periodic scan"


def test_a_stream_of_moves_to_done_does_not_hold_back_the_periodic_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Retries wait for the periodic scan; changes that wake none must not keep putting it off.
    monkeypatch.setattr("agents.inbox.SCAN_SECONDS", 0.5)
    folder = tmp_path / "inbox"
    inbox = CountingInbox(folder, Recorder())

    async def write_into_done_for(seconds: float) -> int:
        watching = asyncio.create_task(inbox.watch())
        await asyncio.sleep(0.3)
        inbox.scans = 0
        (folder / DONE).mkdir(exist_ok=True)
        for n in range(int(seconds / 0.1)):
            (folder / DONE / f"{n}.txt").write_bytes(b"story")
            await asyncio.sleep(0.1)
        watching.cancel()
        return inbox.scans

    assert asyncio.run(write_into_done_for(2.5)) >= 3


def test_a_file_rewritten_with_its_size_and_time_kept_is_sent_again_not_moved_unsent(tmp_path: Path) -> None:
    # Black-box probe: `cp -p other.txt inbox/story.txt` over a story in flight keeps the inode, and an equal size
    # and the source's mtime; the inbox took it for the story sent and moved the new text to .done/ unsent.
    folder, send, inbox, story = sent_story(tmp_path, b"first story")
    first = story.stat()
    story.write_bytes(b"other story")
    os.utime(story, ns=(first.st_atime_ns, first.st_mtime_ns))
    assert (story.stat().st_ino, story.stat().st_size, story.stat().st_mtime_ns) == (
        first.st_ino, first.st_size, first.st_mtime_ns)  # fmt: skip
    inbox.account(account_for(send.sent[0]))
    assert story.read_bytes() == b"other story", "not moved on the account of the text it replaced"
    asyncio.run(inbox.scan())
    assert len(send.sent) == 2
    assert send.sent[1].document_id != send.sent[0].document_id, "sent as a file of its own"
    inbox.account(account_for(send.sent[1]))
    assert (folder / DONE / "story.txt").read_bytes() == b"other story"


def test_a_file_whose_permissions_or_links_change_in_flight_is_neither_sent_again_nor_kept(tmp_path: Path) -> None:
    # Review: the ctime changes with chmod and links too; such a file was sent again as new, and not moved on its
    # account (a failed move's own advice is to check the permissions).
    folder, send, inbox, story = sent_story(tmp_path, b"first story")
    story.chmod(0o600)
    os.link(story, tmp_path / "second-link")
    asyncio.run(inbox.scan())
    assert len(send.sent) == 1, "the bytes are the ones sent"
    inbox.account(account_for(send.sent[0]))
    assert (folder / DONE / "story.txt").read_bytes() == b"first story"
