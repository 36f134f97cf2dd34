"""A plain text's front matter: the byline and stamps a story's first lines set around its headline ("By Jane Doe",
"Published: 4 December 2026 10:15 GMT"), read into the author and times and taken out of the body, where they
hid the headline from the split stage and the dateline from the tag stage."""

from __future__ import annotations

import re
from typing import NamedTuple

from streams.clean.page_time import date_line, stamp_line
from streams.clean.provenance import byline_line_people

LEADING_LINES = 4
"""Non-blank lines at a text's start that may be front matter: a byline above or below the headline, a stamp."""
_BLANK_RUN = re.compile(r"\n{3,}")
"""Where a line taken out stood between blank lines: one blank line stays, as the clean stage spaces paragraphs."""
HEADLINE_WORDS = 20
"""Most words of a line taken for the headline under a first line that reads as a byline."""


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
    for at, index in enumerate(leading):
        heads = at == 0 and len(leading) > 1 and _reads_as_headline(lines[leading[1]])
        english = lines[index].lstrip()[:2].casefold() == "by"  # "Di Maria Double Sinks Roma" heads a text too
        if author is None and (at > 0 or (heads and english)) and (people := byline_line_people(lines[index])):
            author = people
        elif (stamp := stamp_line(lines[index])) is not None and stamp.updated and modified is None:
            modified = stamp.when
        elif stamp is not None and not stamp.updated and published is None:
            published = stamp.when
        elif at > 0 and published is None and (dated := date_line(lines[index])) is not None:
            published = dated  # a date alone under the headline ("5 December 2026")
        else:
            continue
        taken.add(index)
    kept = _BLANK_RUN.sub("\n\n", "\n".join(line for index, line in enumerate(lines) if index not in taken)).strip()
    return FrontMatter(kept, author, published, modified) if kept else FrontMatter(text)


def _reads_as_headline(line: str) -> bool:
    """Whether a line is short and unfinished, as a headline is: a first line "By Jane Doe" is a byline only over one,
    and a headline of its own ("By Popular Demand") over a paragraph."""
    return 0 < len(line.split()) <= HEADLINE_WORDS and not line.rstrip().endswith((".", ",", ";", ":"))
