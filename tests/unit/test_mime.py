"""Newsletters (.eml) and saved pages (.mht): the article in the message's body part, not its MIME encoding."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from streams.clean.stage import clean
from streams.errors import RejectedInput
from streams.records import RawMeta
from streams.split import split

PARAGRAPHS = [
    "OSLO, June 2 (Reuters) - The harbour authority raised ferry fares by ten percent on Monday, its third "
    "increase this year, citing fuel costs and a shortage of trained crews on the northern routes.",
    "Commuters said the rise would push more of them back onto the coastal road, where café owners = happy.",
]
HTML = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"


def meta(filename: str) -> RawMeta:
    return RawMeta(document_id="d", filename=filename, content_type=None, size=0,
                   crawled_at="2026-12-05T00:00:00+00:00", ingested_at="2026-12-05T00:00:00+00:00")  # fmt: skip


def message(subject: str = "Harbour ferry fares rise again") -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Daily Courier <news@courier.example>"
    mail["To"] = "reader@example.com"
    mail["Subject"] = subject
    mail["Date"] = "Tue, 04 Mar 2025 06:00:00 +0000"
    return mail


def test_a_newsletter_gives_its_html_part_with_subject_and_date() -> None:
    mail = message()
    mail.set_content("\n\n".join(PARAGRAPHS), cte="quoted-printable")
    mail.add_alternative(HTML, subtype="html", cte="quoted-printable")
    raw = mail.as_bytes()
    assert b"=3D" in raw, "quoted-printable on the wire"
    document = clean(raw, meta("briefing.eml"))
    assert document["format"] == "html"
    assert document["text"] == "\n".join(PARAGRAPHS)
    assert document["title"] == "Harbour ferry fares rise again"
    assert document["published_at"] == "2025-03-04T06:00:00+00:00"
    [article] = split(document)
    assert (article["title"], article["body"]) == ("Harbour ferry fares rise again", "\n".join(PARAGRAPHS))


def test_a_message_with_only_a_base64_html_part_gives_its_article() -> None:
    mail = message()
    mail.set_content(HTML.encode("cp1252"), maintype="text", subtype="html", cte="base64",
                     params={"charset": "windows-1252"})  # fmt: skip
    document = clean(mail.as_bytes(), meta("evening.eml"))
    assert document["text"] == "\n".join(PARAGRAPHS)
    assert "From:" not in document["text"]


def test_a_plain_text_newsletter_is_titled_by_its_subject() -> None:
    mail = message("Fares up again")
    mail.set_content("\n\n".join(PARAGRAPHS))
    document = clean(mail.as_bytes(), meta("plain.eml"))
    assert (document["format"], document["title"], document["text"]) == ("text", "Fares up again",
                                                                         "\n\n".join(PARAGRAPHS))  # fmt: skip


def test_a_saved_web_page_gives_its_page_but_not_its_save_date() -> None:
    mail = message("Harbour fares | Courier")
    mail["Snapshot-Content-Location"] = "https://courier.example/harbour-fares"
    mail.set_content(HTML.replace("<body>", "<head><title>Harbour fares</title></head><body>"), subtype="html",
                     cte="base64")  # fmt: skip
    mail.make_related()
    mail.add_related(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png", cte="base64")
    document = clean(mail.as_bytes(), meta("saved.mht"))
    assert (document["title"], document["text"]) == ("Harbour fares", "\n".join(PARAGRAPHS))
    assert document["published_at"] is None, "a saved page's Date is when it was saved"


def test_a_message_without_a_text_part_is_rejected() -> None:
    mail = message()
    mail.set_content(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png")
    with pytest.raises(RejectedInput, match=r"^not an article: MIME message without an HTML or text part"):
        clean(mail.as_bytes(), meta("photo.eml"))


def test_a_story_opening_with_header_like_lines_is_no_message() -> None:
    story = "From: the harbour desk\nSubject: fares\n\n" + "\n\n".join(PARAGRAPHS)
    document = clean(story.encode(), meta("story.txt"))
    assert document["text"].startswith("From: the harbour desk")


def test_a_message_nested_thousands_deep_is_rejected_with_its_reason() -> None:
    part = "Content-Type: text/html; charset=utf-8\n\n" + HTML
    for depth in range(3000):
        part = f'Content-Type: multipart/mixed; boundary="b{depth}"\n\n--b{depth}\n{part}\n--b{depth}--\n'
    raw = ("MIME-Version: 1.0\nSubject: Harbour fares\n" + part).encode()
    with pytest.raises(RejectedInput, match=r"^not an article: MIME message nested too deep to read$"):
        clean(raw, meta("deep.eml"))


def test_a_saved_page_whose_first_part_is_an_image_gives_its_html_part() -> None:
    # The root of a multipart/related message is its first part; a page saved with an image first held its HTML in
    # the second part and was rejected as a message without one.
    mail = message("Harbour fares")
    mail.make_mixed()
    mail.replace_header("Content-Type", 'multipart/related; boundary="saved"')
    image = EmailMessage()
    image.set_content(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png")
    mail.attach(image)
    page = EmailMessage()
    page.set_content(HTML, subtype="html")
    mail.attach(page)
    document = clean(mail.as_bytes(), meta("page.mht"))
    assert document["text"] == "\n".join(PARAGRAPHS)
