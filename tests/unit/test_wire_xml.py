"""Wire stories in NITF and NewsML-G2 come out as articles with their headline, byline and time."""

from __future__ import annotations

import pytest

from streams.clean import clean
from streams.clean.wire_xml import wire_format
from streams.errors import RejectedInput
from streams.records import Document, RawMeta

LEAD = (
    "SANTIAGO, March 12 - Copper production in Chile fell for a third straight month in February, the national "
    "statistics institute said on Tuesday, as a strike at the Escondida mine cut output."
)
LATER = "Output from the Andean nation's mines dropped 6.2 percent from a year earlier to 398,600 metric tons."
HEADLINE = "Chile copper output falls for third month"

NITF = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">
<nitf version="-//IPTC//DTD NITF 3.4//EN">
 <head><title>Chile copper (headline of the head)</title>
  <docdata><doc-id id-string="WIRE-20240312-0415"/><date.issue norm="20240312T091500Z"/></docdata></head>
 <body>
  <body.head><hedline><hl1>{HEADLINE}</hl1></hedline><byline>By <person>Marta Olivares</person></byline>
   <dateline><location><city>SANTIAGO</city></location></dateline></body.head>
  <body.content><p>{LEAD}</p><hl2>Strike</hl2><p>{LATER}</p></body.content>
  <body.end><tagline>Editing by Paul Hartley</tagline></body.end>
 </body>
</nitf>"""


def news_item(content: str, item_class: str = "ninat:text") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:wire.example.com:1" standard="NewsML-G2">
 <itemMeta><itemClass qcode="{item_class}"/><versionCreated>2024-03-14T04:20:00Z</versionCreated></itemMeta>
 <contentMeta><contentCreated>2024-03-14T04:05:00Z</contentCreated>
  <creator><name>Hemi Walker</name></creator><headline>{HEADLINE}</headline></contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml">{content}</inlineXML></contentSet>
</newsItem>"""


XHTML = f'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{LEAD}</p><p>{LATER}</p></body></html>'


def cleaned(text: str, name: str = "story.xml") -> Document:
    raw = text.encode("utf-8")
    meta = RawMeta(document_id="doc-1", filename=name, content_type=None, size=len(raw),
                   crawled_at="2026-12-05T00:00:00+00:00", ingested_at="2026-12-05T00:00:00+00:00")  # fmt: skip
    return clean(raw, meta)


def test_a_nitf_story_gives_its_headline_byline_issue_time_and_paragraphs() -> None:
    document = cleaned(NITF)
    assert document["title"] == HEADLINE
    assert document["author"] == "Marta Olivares"
    assert document["published_at"] == "2024-03-12T09:15:00+00:00"
    assert document["text"].split("\n") == [LEAD, "Strike", LATER], "the tagline is no part of the story"


@pytest.mark.parametrize("content", [XHTML, NITF.split("\n", 2)[2]], ids=["xhtml", "nitf"])
def test_a_newsml_g2_item_gives_its_metadata_and_its_inline_text(content: str) -> None:
    document = cleaned(news_item(content))
    assert document["title"] == HEADLINE
    assert document["author"] == "Hemi Walker"
    assert document["published_at"] == "2024-03-14T04:05:00+00:00", "the first creation, not the latest version"
    assert document["text"].split("\n")[0] == LEAD
    assert LATER in document["text"]


def test_a_newsml_g2_message_of_one_item_is_that_item_and_of_two_is_refused() -> None:
    item = news_item(XHTML).split("\n", 1)[1]
    one = f'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>{item}</itemSet></newsMessage>'
    assert cleaned(one)["title"] == HEADLINE
    two = one.replace("<itemSet>", f"<itemSet>{item}")
    with pytest.raises(RejectedInput, match="NewsML-G2 message with 2 news items: send each item as its own file"):
        cleaned(two)


def test_a_picture_item_is_no_article() -> None:
    with pytest.raises(RejectedInput, match="not an article: NewsML-G2 ninat:picture item"):
        cleaned(news_item(XHTML, "ninat:picture"))


def test_entities_are_not_expanded_nor_files_read() -> None:
    hostile = NITF.replace(
        '<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">', '<!DOCTYPE nitf [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
    ).replace("<p>Output", "<p>&secret; Output")
    document = cleaned(hostile)
    hostname = open("/etc/hostname", encoding="utf-8").read().strip()  # noqa: SIM115
    assert hostname not in document["text"]
    assert "&secret;" not in document["text"]
    assert LATER in document["text"]


def test_the_dtds_named_characters_are_written_out() -> None:
    # Without the DOCTYPE, libxml2 also dropped the `&amp;` that follows a name it does not know.
    named = (
        NITF.replace('<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">\n', "")
        .replace(f"<hl1>{HEADLINE}", "<hl1>Caf&eacute; owners &mdash; and miners")
        .replace("<p>Output", "<p>&mdash; AT&amp;T: Output")
    )
    document = cleaned(named)
    assert document["title"] == "Café owners — and miners"
    assert f"— AT&T: {LATER}" in document["text"].split("\n"), "an '&amp;' after an entity the parser lacks kept"


def test_other_xml_is_no_wire_story() -> None:
    assert wire_format(NITF) == "NITF"
    assert wire_format('<?xml version="1.0"?><nar:newsItem xmlns:nar="x"/>') == "NewsML-G2"
    assert wire_format('<?xml version="1.0"?><catalog><book/></catalog>') is None
    assert wire_format("SANTIAGO, March 12 - plain wire copy") is None
