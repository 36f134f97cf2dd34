"""Stories in the IPTC's wire formats, NITF and NewsML-G2: their headline, byline, times and text.

Agencies deliver copy in these XML formats; read as XML documents they were refused as "not an article", so a
wire feed lost every story. NITF keeps the headline in `hedline/hl1`, the byline in `byline`, the issue time in
`docdata/date.issue@norm` and the paragraphs in `body.content`. A NewsML-G2 `newsItem` keeps headline, creator
and times in `contentMeta` and `itemMeta`, and its text in `contentSet`, as XHTML, NITF or plain text; a
`newsMessage` carrying one item is read as that item. The XML is parsed without loading its DTD, entities or
anything over the network.
"""

from __future__ import annotations

import re
from html import escape
from html.entities import html5

from lxml import etree
from lxml.html import fromstring as html_fromstring

from streams.clean.markup import WrittenArticle, block_text, root_name
from streams.errors import RejectedInput
from streams.ingest import parse_time

FORMATS = {"nitf": "NITF", "newsitem": "NewsML-G2", "newsmessage": "NewsML-G2"}
"""Root elements of the wire formats read here (namespace prefix left out), with the format's name."""
_PARAGRAPHS = ("p", "hl2", "li")
"""NITF's text blocks: paragraphs, subheadings and list items."""
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
"""The entities XML defines itself, which every parser reads."""
_TEXT_CLASS = ":text"
"""The end of a NewsML-G2 item class for text (`ninat:text`); pictures, video and graphics hold no story."""


def wire_format(text: str) -> str | None:
    """The wire format a decoded file is written in, by its root element; None for anything else."""
    name = root_name(text)
    return FORMATS.get(name.rpartition(":")[2]) if name else None


def _written_out(source: str) -> str:
    """The document with each entity reference XML does not define itself written out: an HTML character by its
    name (`&eacute;`, which NITF's DTD declares), nothing for any other (`&xxe;`, which could name a file). Left to
    a parser that does not read the DTD, they came out as `&eacute;`, and an `&amp;` after one was lost."""
    return _ENTITY.sub(lambda found: found[0] if found[1] in _XML_ENTITIES else escape(html5.get(f"{found[1]};", "")),
                       source)  # fmt: skip


def wire_article(source: str) -> WrittenArticle:
    """The story of a NITF document or a NewsML-G2 item; refused when it holds none, or more than one."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, encoding="utf-8")
    root = etree.fromstring(_written_out(source).encode("utf-8"), parser)
    if root is None:
        raise RejectedInput("not an article: unreadable XML")
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    if root.tag == "nitf":
        return _nitf(root)
    if root.tag == "newsMessage":
        items = root.findall("itemSet/newsItem")
        if len(items) != 1:
            raise RejectedInput(f"NewsML-G2 message with {len(items)} news items: send each item as its own file")
        root = items[0]
    return _news_item(root)


def _nitf(root: etree._Element, *, stated: WrittenArticle | None = None) -> WrittenArticle:
    """A NITF story; `stated` holds what a NewsML-G2 item wrapping it says, which comes first."""
    title = _text(root.find("body/body.head/hedline/hl1")) or _text(root.find("head/title"))
    byline = root.find("body/body.head/byline")
    people = [name for person in byline.iter("person") if (name := _text(person))] if byline is not None else []
    author = ", ".join(people) or _BY.sub("", _text(byline)) or None
    published = _time(_attribute(root, "head/docdata/date.issue", "norm")) or _time(
        _attribute(root, "head/pubdata", "date.publication")
    )
    body = root.find("body/body.content")
    lines = [line for block in body.iter(*_PARAGRAPHS) if (line := _text(block))] if body is not None else []
    text = "\n".join(lines) or (_text(body) if body is not None else "")
    if stated is not None:
        return WrittenArticle(stated.title or title, stated.published or published, stated.author or author, text)
    return WrittenArticle(title or None, published, author, text)


def _news_item(item: etree._Element) -> WrittenArticle:
    """A NewsML-G2 text item: headline, creators and first creation time from its metadata, text from its content."""
    kind = item.find("itemMeta/itemClass")
    if kind is not None and not (kind.get("qcode") or "").endswith(_TEXT_CLASS):
        raise RejectedInput(f"not an article: NewsML-G2 {kind.get('qcode')} item, not text")
    meta = item.find("contentMeta")
    title = _text(meta.find("headline")) if meta is not None else ""
    creators = [name for creator in meta.iter("creator") if (name := _text(creator.find("name")) or
                creator.get("literal") or "")] if meta is not None else []  # fmt: skip
    published = next(
        (moment for path in ("contentMeta/contentCreated", "itemMeta/firstCreated", "itemMeta/versionCreated")
         if (moment := _time(_text(item.find(path))))),
        None,
    )  # fmt: skip
    stated = WrittenArticle(title or None, published, ", ".join(creators) or None, "")
    inline = item.find("contentSet/inlineXML")
    content = inline[0] if inline is not None and len(inline) else None
    if content is not None and content.tag == "nitf":
        return _nitf(content, stated=stated)
    if content is not None:
        page = html_fromstring(etree.tostring(content, encoding="unicode"))
        body = page.find(".//body")
        return stated._replace(text=block_text(body if body is not None else page))
    return stated._replace(text=_text(item.find("contentSet/inlineData")))


def _attribute(root: etree._Element, path: str, name: str) -> str | None:
    """An attribute of the element at a path, None when either is missing."""
    element = root.find(path)
    return element.get(name) if element is not None else None


def _text(element: etree._Element | None) -> str:
    """An element's text with its spacing collapsed; empty for no element."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _time(value: str | None) -> str | None:
    """A stamp as ISO 8601, from the basic form NITF writes ("20240312T091500Z") or the extended one."""
    moment = parse_time(value) if value else None
    return moment.isoformat() if moment is not None else None
