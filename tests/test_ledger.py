"""The ledger: one account per file, each article counted once however often its outcome is delivered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from streams.ledger import Entry, Ledger, note

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def ledger() -> tuple[Ledger, dict[str, Entry]]:
    table: dict[str, Entry] = {}
    return Ledger(table, keep_done=timedelta(days=1), give_up=timedelta(days=1)), table


def test_a_document_is_accounted_for_when_every_article_has_an_outcome_in_any_order() -> None:
    book, _ = ledger()
    assert book.record(note("d", "enriched", filename="a.txt", size=0, position=1), 0, NOW) is None
    assert book.record(note("d", "articles", filename="a.txt", size=900, articles=3), 0, NOW) is None
    assert book.record(note("d", "duplicate", filename="a.txt", size=0, position=0), 0, NOW) is None
    again = note("d", "enriched", filename="a.txt", size=0, position=1)
    assert book.record(again, 0, NOW) is None, "a delivery twice is one outcome"
    rejected = note("d", "rejected", filename="a.txt", size=40, position=2, reason="too long: 9 characters")
    account = book.record(rejected, 0, NOW)
    assert account is not None
    assert (account["articles"], account["enriched"], account["duplicates"], account["rejected"]) == (3, 1, 1, 1)
    assert account["reasons"] == ["too long: 9 characters"]
    assert (account["filename"], account["size"]) == ("a.txt", 900)


def test_a_file_rejected_whole_is_accounted_for_at_once() -> None:
    book, _ = ledger()
    account = book.record(note("d", "rejected", filename="x.png", size=9, reason="binary file: PNG image"), 2, NOW)
    assert account is not None
    assert (account["articles"], account["rejected"], account["reasons"]) == (0, 1, ["binary file: PNG image"])


def test_a_file_sent_again_after_its_account_gets_the_same_account_once() -> None:
    book, table = ledger()
    book.record(note("d", "articles", filename="a.txt", size=9, articles=1), 1, NOW)
    first = book.record(note("d", "enriched", filename="a.txt", size=0, position=0), 1, NOW)
    assert first is not None
    assert table["d"]["outcomes"] == {}, "a finished document keeps only its account"
    later = NOW + timedelta(minutes=5)
    assert book.record(note("d", "articles", filename="a.txt", size=9, articles=1), 1, later) == first
    assert book.record(note("d", "enriched", filename="a.txt", size=0, position=0), 1, later) is None


def test_old_accounts_and_documents_that_never_complete_are_let_go() -> None:
    book, table = ledger()
    book.record(note("done", "rejected", filename="e.txt", size=0, reason="empty file: no bytes"), 0, NOW)
    book.record(note("open", "articles", filename="o.txt", size=5, articles=2), 3, NOW)
    book.record(note("fresh", "articles", filename="f.txt", size=5, articles=2), 3, NOW + timedelta(hours=20))
    forgotten, abandoned = book.stale(table.items(), NOW + timedelta(days=1, minutes=1))
    assert (forgotten, abandoned) == (["done"], ["open"])
    assert table["open"]["partition"] == 3
