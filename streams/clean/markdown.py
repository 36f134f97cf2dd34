"""Articles written in Markdown (`.md`, as static sites and newsletter archives keep them): their text and title.

Read as plain text such a file kept its front matter (`title: ...` between `---` lines) and its markup (`#`,
`**`, `[text](link)`, `![image](file)`) in the article, and had no title. The front matter gives the title, the
date and the author where it states them; the text is the rendered Markdown's (markdown-it, CommonMark), one
line per block, images left out, and a first-level heading that opens it is the title when the front matter
names none. Lines left over from a site's chrome ("Read more:" lists, pitches, credits) go as they do from
pages (`streams.clean.leftovers`).
"""

from __future__ import annotations

import re

from lxml.html import fragment_fromstring
from markdown_it import MarkdownIt

from streams.clean.markup import WrittenArticle, block_text
from streams.ingest import parse_time

_NAMES = (".md", ".markdown", ".mdown", ".mkd")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<fields>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)
_QUOTED = re.compile(r"""^(["'])(?P<inner>.*)\1$""")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "publishdate", "pubdate")
_AUTHOR_KEYS = ("author", "authors", "byline")
_DAY_CHARS = len("YYYY-MM-DD")
_LIST_ITEM = "- "
"""How a list item's line starts, as in the text the clean stage extracts from HTML."""


def is_markdown(filename: str | None, content_type: str | None) -> bool:
    """Whether a text file says it is Markdown, by its name or its content type."""
    return (filename or "").lower().endswith(_NAMES) or "markdown" in (content_type or "").lower()


def markdown_article(source: str) -> WrittenArticle:
    """The front matter's fields and the rendered text of a Markdown file."""
    fields: dict[str, str] = {}
    if front := _FRONT_MATTER.match(source):
        fields = {field["key"].lower(): _unquoted(field["value"]) for field in _FIELD.finditer(front["fields"])}
        source = source[front.end() :]
    fragment = fragment_fromstring(MarkdownIt("commonmark").render(source) or "<p></p>", create_parent="div")
    for image in fragment.iter("img"):
        image.drop_tree()
    title = next((fields[key] for key in _TITLE_KEYS if fields.get(key)), None)
    if len(fragment) and fragment[0].tag == "h1":
        heading = " ".join(fragment[0].text_content().split())
        fragment[0].drop_tree()
        title = title or heading or None
    for item in fragment.iter("li"):
        item.text = f"\n{_LIST_ITEM}{(item.text or '').lstrip()}"
    text = block_text(fragment)
    stated = next((fields[key] for key in _DATE_KEYS if fields.get(key)), "")
    moment = parse_time(stated)
    published = None if moment is None else stated if len(stated) == _DAY_CHARS else moment.isoformat()
    author = next((fields[key] for key in _AUTHOR_KEYS if fields.get(key)), None)
    return WrittenArticle(title, published, author, text)


def _unquoted(value: str) -> str:
    """A front matter value without the quotes YAML allows around it."""
    quoted = _QUOTED.match(value)
    return quoted["inner"] if quoted else value
