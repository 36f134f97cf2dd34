"""The ledger: one account per file, each article counted once however often its outcome is delivered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agents.stages.sinks import Written, account_key, notes
from streams.ledger import Entry, Ledger, note

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def ledger() -> tuple[Ledger, dict[str, Entry]]:
    table: dict[str, Entry] = {}
    return Ledger(table, keep_done=timedelta(days=1), give_up=timedelta(days=1)), table


def test_a_document_is_accounted_for_when_every_article_has_an_outcome_in_any_order() -> None:
    book, _ = ledger()
    assert book.record(note("d", filename="a.txt", size=0, outcomes={1: "enriched"}), 0, NOW) is None
    assert book.record(note("d", filename="a.txt", size=900, articles=3), 0, NOW) is None
    assert book.record(note("d", filename="a.txt", size=0, outcomes={0: "duplicate"}), 0, NOW) is None
    again = note("d", filename="a.txt", size=0, outcomes={1: "enriched", 0: "duplicate"})
    assert book.record(again, 0, NOW) is None, "a delivery twice is one outcome"
    rejected = note("d", filename="a.txt", size=0, outcomes={2: "rejected"}, reasons=["too long: 9 characters"])
    account = book.record(rejected, 0, NOW)
    assert account is not None
    assert (account["articles"], account["enriched"], account["duplicates"], account["rejected"]) == (3, 1, 1, 1)
    assert account["reasons"] == ["too long: 9 characters"]
    assert (account["filename"], account["size"]) == ("a.txt", 900)


def test_a_file_rejected_whole_is_accounted_for_at_once() -> None:
    book, _ = ledger()
    account = book.record(note("d", filename="x.png", size=9, rejected="binary file: PNG image"), 2, NOW)
    assert account is not None
    assert (account["articles"], account["rejected"], account["reasons"]) == (0, 1, ["binary file: PNG image"])


def test_a_file_sent_again_after_its_account_gets_the_same_account_once() -> None:
    book, table = ledger()
    book.record(note("d", filename="a.txt", size=9, articles=1), 1, NOW)
    first = book.record(note("d", filename="a.txt", size=0, outcomes={0: "enriched"}), 1, NOW)
    assert first is not None
    assert table["d"]["outcomes"] == "", "a finished document keeps only its account"
    later = NOW + timedelta(minutes=5)
    assert book.record(note("d", filename="a.txt", size=9, articles=1), 1, later) == first
    assert book.record(note("d", filename="a.txt", size=0, outcomes={0: "enriched"}), 1, later) is None


def test_a_page_of_ten_thousand_articles_keeps_one_character_each() -> None:
    book, table = ledger()
    book.record(note("big", filename="page.txt", size=9, articles=10_000), 0, NOW)
    for start in range(0, 9_800, 200):
        done = book.record(note("big", filename=None, size=0, outcomes=dict.fromkeys(range(start, start + 200),
                                                                                      "enriched")), 0, NOW)  # fmt: skip
        assert done is None
    assert len(table["big"]["outcomes"]) == 9_800
    account = book.record(note("big", filename=None, size=0, outcomes=dict.fromkeys(range(9_800, 10_000),
                                                                                    "duplicate")), 0, NOW)  # fmt: skip
    assert account is not None
    assert (account["enriched"], account["duplicates"]) == (9_800, 200)


def test_old_accounts_and_documents_that_never_complete_are_let_go() -> None:
    book, table = ledger()
    book.record(note("done", filename="e.txt", size=0, rejected="empty file: no bytes"), 0, NOW)
    book.record(note("open", filename="o.txt", size=5, articles=2), 3, NOW)
    book.record(note("fresh", filename="f.txt", size=5, articles=2), 3, NOW + timedelta(hours=20))
    forgotten, abandoned = book.stale(table.items(), NOW + timedelta(days=1, minutes=1))
    assert (forgotten, abandoned) == (["done"], ["open"])
    assert table["open"]["partition"] == 3


def test_sinks_note_a_batch_once_per_document() -> None:
    batch = [
        {"document_id": "a", "position": 0, "source": {"filename": "a.txt"}},
        {"document_id": "b", "position": 2, "source": {"filename": "b.txt"}},
        {"document_id": "a", "position": 1, "source": {"filename": "a.txt"}},
    ]
    made = {item["document_id"]: item for item in notes("enriched", batch)}
    assert made["a"]["outcomes"] == {"0": "enriched", "1": "enriched"}
    assert made["b"]["outcomes"] == {"2": "enriched"}
    rejections = [
        {"document_id": "c", "filename": "c.png", "size": 70, "reason": "binary file: PNG image"},
        {"document_id": "d", "filename": "d.txt", "size": 5, "reason": "internal error", "position": 4},
    ]
    made = {item["document_id"]: item for item in notes("rejected", rejections)}
    assert (made["c"]["rejected"], made["c"]["size"], made["c"]["outcomes"]) == ("binary file: PNG image", 70, {})
    assert (made["d"]["rejected"], made["d"]["outcomes"], made["d"]["reasons"]) == (
        None, {"4": "rejected"}, ["internal error"])  # fmt: skip


def test_an_account_given_twice_in_one_batch_is_written_once() -> None:
    # After a kill, the account a daemon had not yet read and the one the ledger gives the file sent again can
    # arrive in one batch; both were written to out/news.accounts.jsonl.
    account = {"document_id": "d", "filename": "a.txt"}
    written = Written()
    assert written.fresh([account, {"document_id": "e"}, dict(account)], account_key) == [account, {"document_id": "e"}]
    assert written.fresh([account], account_key) == []
