"""Articles written in Markdown: title, date and author from the front matter or heading, text without markup."""

from __future__ import annotations

from streams.clean.stage import clean
from streams.records import RawMeta

STORY = [
    "The harbour authority raised ferry fares by ten percent on Monday, its third increase this year.",
    "Commuters said the rise would push more of them back onto the coastal road.",
]


def meta(filename: str, content_type: str | None = None) -> RawMeta:
    return RawMeta(document_id="d", filename=filename, content_type=content_type, size=0,
                   crawled_at="2026-12-05T00:00:00+00:00", ingested_at="2026-12-05T00:00:00+00:00")  # fmt: skip


def test_front_matter_and_markup_leave_the_text_and_give_title_date_and_author() -> None:
    source = (
        '---\ntitle: "Ferry fares rise again"\ndate: 2025-03-04\nauthor: Ana Costa\ntags: [harbour]\n---\n\n'
        "# Ferry fares rise again\n\n"
        f"![The harbour](harbour.jpg)\n\n**{STORY[0][:14]}**{STORY[0][14:]}\n\n"
        f"{STORY[1].replace('coastal road', '[coastal road](https://example.com/road)')}\n\n"
        "Read more:\n\n- [Rail fares](https://example.com/rail)\n- [Bus fares](https://example.com/bus)\n"
    )
    document = clean(source.encode(), meta("fares.md"))
    assert (document["title"], document["published_at"], document["author"]) == (
        "Ferry fares rise again", "2025-03-04", "Ana Costa"
    )  # fmt: skip
    assert document["text"] == "\n".join(STORY)


def test_a_first_heading_is_the_title_without_front_matter() -> None:
    source = "# Ferry fares rise again\n\n" + "\n\n".join(STORY) + "\n"
    document = clean(source.encode(), meta("fares", "text/markdown; charset=utf-8"))
    assert (document["title"], document["text"]) == ("Ferry fares rise again", "\n".join(STORY))


def test_a_text_file_keeps_its_hashes_and_asterisks() -> None:
    source = "# Ferry fares rise again\n\n" + "\n\n".join(STORY) + "\n"
    document = clean(source.encode(), meta("fares.txt"))
    assert document["title"] is None
    assert document["text"].startswith("# Ferry fares rise again")
