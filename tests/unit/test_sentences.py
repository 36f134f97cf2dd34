"""Sentence edges: full stops told from abbreviation dots, and sentences glued without a space."""

from __future__ import annotations

from streams.text.sentences import ends_sentence, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith flew to the U.S. on Monday. He said so!  Then he left."
    assert sentences(text) == ["Mr. Smith flew to the U.S. on Monday.", "He said so!", "Then he left."]


def test_quotes_close_sentences_and_lines_always_end_one() -> None:
    text = 'He said "we will win." Nobody agreed\nA new paragraph'
    assert sentences(text) == ['He said "we will win."', "Nobody agreed", "A new paragraph"]


def test_scraped_sentences_glued_without_a_space_are_separated() -> None:
    text = "prices rose sharply.The protests started on Friday.“It was calm,” he said.Police left."
    assert sentences(text) == [
        "prices rose sharply.",
        "The protests started on Friday.",
        "“It was calm,” he said.",
        "Police left.",
    ]


def test_ends_sentence() -> None:
    assert ends_sentence("war.")
    assert ends_sentence('"thrive"?')
    assert not ends_sentence("U.S.")
    assert not ends_sentence("Dr.")
    assert not ends_sentence("J.")
    assert not ends_sentence("said")
