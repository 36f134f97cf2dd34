"""A plain text's front matter: the byline and stamps a story's first lines set around its headline ("By Jane Doe",
"Published: 4 December 2026 10:15 GMT"), read into the author and times and taken out of the body, where they
hid the headline from the split stage and the dateline from the tag stage."""

from __future__ import annotations

from typing import NamedTuple

from streams.clean.page_time import stamp_line
from streams.clean.provenance import byline_line_people

LEADING_LINES = 4
"""Non-blank lines at a text's start that may be front matter: a byline above or below the headline, a stamp."""


class FrontMatter(NamedTuple):
    """A text without its front matter, and what the front matter said."""

    text: str
    author: str | None = None
    published_at: str | None = None
    modified_at: str | None = None


def front_matter(text: str) -> FrontMatter:
    """The text without the byline and stamp lines among its first lines, with the author and days they give; a
    text of nothing but such lines is left as it is."""
    lines = text.split("\n")
    leading = [index for index, line in enumerate(lines) if line.strip()][:LEADING_LINES]
    author = published = modified = None
    taken: set[int] = set()
    for index in leading:
        if author is None and (people := byline_line_people(lines[index])):
            author = people
        elif (stamp := stamp_line(lines[index])) is not None and stamp.updated and modified is None:
            modified = stamp.day
        elif stamp is not None and not stamp.updated and published is None:
            published = stamp.day
        else:
            continue
        taken.add(index)
    kept = "\n".join(line for index, line in enumerate(lines) if index not in taken).strip()
    return FrontMatter(kept, author, published, modified) if kept else FrontMatter(text)
