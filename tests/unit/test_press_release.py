"""A press release sent as plain text keeps its story and loses its label, contacts and trailer."""

from __future__ import annotations

from streams.clean import clean
from streams.records import RawMeta
from streams.text.dateline import parse_dateline

RELEASE = """FOR IMMEDIATE RELEASE

Helio Dynamics Raises $48 Million to Scale Solid-State Battery Production

SAN FRANCISCO, March 5, 2024 /PRNewswire/ -- Helio Dynamics, a developer of solid-state batteries for electric trucks,
today announced it has raised $48 million in a Series B funding round led by Granite Peak Ventures.

About Helio Dynamics
Helio Dynamics, founded in 2019 and based in San Francisco, develops solid-state batteries for commercial vehicles.

Media Contact:
Jordan Blake
press@heliodynamics.example
+1 415 555 0142

###

SOURCE Helio Dynamics
"""


def test_label_contacts_end_mark_and_trailer_leave_and_the_story_stays() -> None:
    raw = RELEASE.encode()
    meta = RawMeta(document_id="doc-1", filename="release.txt", content_type=None, size=len(raw),
                   crawled_at="2026-12-05T00:00:00+00:00", ingested_at="2026-12-05T00:00:00+00:00")  # fmt: skip
    lines = clean(raw, meta)["text"].split("\n")
    assert lines[0] == "Helio Dynamics Raises $48 Million to Scale Solid-State Battery Production"
    assert lines[-2:] == ["About Helio Dynamics", lines[-1]]
    assert lines[-1].startswith("Helio Dynamics, founded in 2019")
    assert not {"Media Contact:", "Jordan Blake", "###", "SOURCE Helio Dynamics"} & set(lines)


def test_a_release_wire_between_slashes_is_the_datelines_agency() -> None:
    dateline = parse_dateline("SAN FRANCISCO, March 5, 2024 /PRNewswire/ -- Helio Dynamics said", None)
    assert dateline is not None
    assert (dateline["city"], dateline["date"], dateline["agency"]) == ("San Francisco", "2024-03-05", "PRNewswire")
    assert parse_dateline("LONDON - Half the 1/2 price seats went", None) == {
        "raw": "LONDON -", "city": "London", "country": "GB", "date": None, "agency": None,
    }  # fmt: skip
