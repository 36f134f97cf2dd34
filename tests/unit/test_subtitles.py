"""Newscast captions (SRT, WebVTT) become the spoken text, a paragraph per speaker's turn."""

from __future__ import annotations

from streams.clean.stage import clean
from streams.records import RawMeta

SAID = [
    "The harbour authority raised ferry fares by ten percent on Monday,",
    "its third increase this year, citing fuel costs.",
    "Commuters said the rise would push more of them back onto the coastal road.",
    "We simply cannot afford it any more, one said.",
]


def meta(filename: str) -> RawMeta:
    return RawMeta(document_id="d", filename=filename, content_type=None, size=0,
                   crawled_at="2026-12-05T00:00:00+00:00", ingested_at="2026-12-05T00:00:00+00:00")  # fmt: skip


def timing(n: int) -> str:
    return f"00:00:{4 * n:02d},000 --> 00:00:{4 * n + 4:02d},000"


def test_srt_cues_become_running_text_with_a_paragraph_per_speaker() -> None:
    cues = [SAID[0], SAID[1], SAID[2], f">> {SAID[3]}"]
    srt = "\r\n\r\n".join(f"{n + 1}\r\n{timing(n)}\r\n{cue}" for n, cue in enumerate(cues))
    text = clean(srt.encode(), meta("newscast.srt"))["text"]
    assert text == f"{' '.join(SAID[:3])}\n\n{SAID[3]}"


def test_webvtt_header_notes_voices_and_repeated_rolling_lines_are_left_out() -> None:
    cues = [f"<v Anchor>{SAID[0]}", f"<v Anchor><c.yellow>{SAID[1]}</c>", f"<v Anchor>{SAID[1]}",
            f"<v Commuter>{SAID[2]}", f"<v Commuter><00:00:17.500>{SAID[3]}"]  # fmt: skip
    vtt = "WEBVTT\nKind: captions\nLanguage: en\n\nNOTE made by automatic captioning\n\n" + "\n\n".join(
        f"{timing(n).replace(',', '.')} align:start position:0%\n{cue}" for n, cue in enumerate(cues)
    )
    text = clean(vtt.encode(), meta("newscast.vtt"))["text"]
    assert text == f"{' '.join(SAID[:2])}\n\n{' '.join(SAID[2:])}"


def test_a_story_quoting_a_time_range_is_no_subtitle_file() -> None:
    story = ("The ferry ran late on Monday. Its log shows 00:00:04,000 --> 00:00:08,000 as the window in which the "
             "engines stopped, the harbour authority said.")  # fmt: skip
    assert clean(story.encode(), meta("story.txt"))["text"] == story
