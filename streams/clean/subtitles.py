"""Broadcast transcripts as subtitles (SRT, WebVTT): the spoken text, without cue numbers and timings.

A newscast's captions read as text kept every cue's number and "00:00:04,000 --> 00:00:08,000" line, and the
WebVTT header and voice tags, in the article. The cues' text is joined into running prose instead, a new
paragraph where the speaker changes (a `<v Name>` tag, or ">>" as television captions mark it); a cue that
repeats the line before it, as rolling automatic captions do, is kept once.
"""

from __future__ import annotations

import re

_TIMING = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{3}[ \t]*-->[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{3}\b.*$")
"""A cue's timing line: "00:00:04,000 --> 00:00:08,000", "00:04.000 --> 00:08.000 align:start"."""
_MIN_CUES = 3
_MIN_TIMING_SHARE = 0.15
"""Of the text's lines that are not blank, at least this share must be timings (a cue takes three or four)."""
_WEBVTT = "WEBVTT"
_NOT_CUES = ("NOTE", "STYLE", "REGION", _WEBVTT)
"""WebVTT blocks that hold no spoken text: comments, styles, regions, the header."""
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
_TAG = re.compile(r"<[^>\n]*>")
_SPEAKER_CHANGE = ">>"
_ARROW = "-->"


def is_subtitles(text: str) -> bool:
    """Whether the text is a subtitle file: WebVTT by its header, SRT by cue timings making a fair share of it."""
    if text.lstrip("\ufeff \t\n").startswith(_WEBVTT):
        return True
    if _ARROW not in text:  # most texts: no line of them need be read
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    timings = sum(1 for line in lines if _TIMING.match(line))
    return timings >= _MIN_CUES and timings >= _MIN_TIMING_SHARE * len(lines)


def spoken_text(text: str) -> str:
    """The cues' text as paragraphs, one per speaker's turn."""
    paragraphs: list[list[str]] = [[]]
    speaker: str | None = None
    last = ""
    for block in re.split(r"\n[ \t]*\n", text.lstrip("\ufeff")):
        lines = [line.strip() for line in block.strip().split("\n")]
        timing = next((index for index, line in enumerate(lines) if _TIMING.match(line)), None)
        if timing is None or lines[0].startswith(_NOT_CUES):
            continue
        for line in lines[timing + 1 :]:
            voice = _VOICE.search(line)
            if voice is not None and voice[1].strip() != speaker:
                speaker = voice[1].strip()
                paragraphs.append([])
            spoken = " ".join(_TAG.sub("", line).split())
            if spoken.startswith(_SPEAKER_CHANGE):
                spoken = spoken.removeprefix(_SPEAKER_CHANGE).strip()
                paragraphs.append([])
            if spoken and spoken != last:
                paragraphs[-1].append(spoken)
                last = spoken
    return "\n\n".join(" ".join(words) for words in paragraphs if words)
