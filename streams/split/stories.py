"""Story boundaries: where a body that holds two different stories run together passes from one to the next.

Scraped related items sometimes carry the next story's text straight after their own. A sentence edge is taken
as a story boundary when all of these hold:

- Two stories explain the words much better than one: the log Bayes factor of two Dirichlet-multinomial word
  models against one, whose prior mean is general English word frequency (wordfreq), is at least
  `MIN_EVIDENCE`. Common words then count for little, and rare words and names repeated on both sides for much.
- The capitalised names of each side hardly occur on the other (at most `MAX_SHARED_NAMES` of their mentions).
- The sentence before the edge ends like a sentence, and the one after it can open a story: it is long enough
  and does not start with a pronoun, a connective, a quotation or a label such as "Note:".
- Each side has at least `MIN_STORY_WORDS` words.

A wire dateline (`TOKYO, June 23 (Reuters) -`) opening the sentence after the edge is a story start in itself: it
is taken unless the word evidence speaks strongly for one story (`_DATELINE_EVIDENCE`; two short wire stories on
one trade can read as one to the word model, as a Nigerian and a Ghanaian economic story did). An opening sentence
that introduces a subject the text has not named before, as a wire lede does (`Banner Industries Inc said ...`),
needs `_NEW_SUBJECT_EVIDENCE` less: short wire stories share so much trade vocabulary that the word evidence alone
often cannot tell them apart.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain
from math import lgamma
from typing import NamedTuple

import numpy as np

from streams.text.dateline import DATELINE_CHARS, MONTHS, parse_dateline
from streams.text.lexicon import TITLES, WEEKDAYS, english_frequencies, stem
from streams.text.sentences import TRAILING_CLOSERS, sentence_spans

MIN_STORY_WORDS = 60
MIN_EVIDENCE = 5.0
MAX_SHARED_NAMES = 0.15
_MAX_NAME_SHARE = 0.25
_SHARED_NAME_EVIDENCE = 100.0
_LABEL_EVIDENCE = 40.0
_NEW_SUBJECT_EVIDENCE = -20.0
_RECURRING_NAMES = 2
_MAX_SUBJECT_WORDS = 7
_SUBJECT_JOINERS = frozenset({"of", "and", "de", "du", "the"})
_SAYS = frozenset({"said", "says", "reported", "announced"})
_DASHES = ("-", "—", "–")
"""A dateline ends on one of these, so a window without any cannot hold one."""
_MIN_OPENING_WORDS = 10
_MIN_LABELLED_LINES = 2
_BULLETS = ("- ", "• ", "* ", "– ")
_CONCENTRATIONS = (30.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0)
_UNSEEN_FREQUENCY = 1e-7
_TERM_CACHE: dict[str, tuple[str, float]] = {}
_TERM_CACHE_SIZE = 200_000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LABEL = re.compile(r"(?:[A-Z][a-z]+|[A-Z])\s?:")
_CONTINUATIONS = frozenset(
    {
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "him",
        "them",
        "i",
        "we",
        "you",
        "my",
        "our",
        "but",
        "however",
        "meanwhile",
        "also",
        "and",
        "or",
        "so",
        "yet",
        "still",
        "then",
        "both",
        "moreover",
        "furthermore",
        "instead",
        "thus",
        "therefore",
        "it",
        "it's",
        "it’s",
        "its",
        "whether",
        "although",
        "though",
        "because",
        "this",
        "these",
        "those",
        "that",
    }
)


_DATELINE_EVIDENCE = -10.0
"""The word evidence a cut before a wire dateline needs: above it, two stories (-7.2 for two economic stories run
together in one paragraph, which a positive factor had missed)."""


class _Need(NamedTuple):
    """The word evidence a cut needs, and whether the sentence after it is a plain opening (no label or dateline)."""

    evidence: float
    plain: bool


class _Sentence(NamedTuple):
    """One sentence: where it sits in the text, and its words."""

    start: int
    end: int
    words: list[str]


def split_stories(text: str) -> list[str]:
    """The stories a body holds, in order; a body with one story comes back whole."""
    cuts = story_starts(text)
    return [text[start:end].strip() for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def story_starts(text: str) -> list[int]:
    """Offsets in the text where a story other than the first begins."""
    if _is_interview(text):
        return []
    sentences = [_Sentence(start, end, _WORD.findall(text, start, end)) for start, end in sentence_spans(text)]
    sentences = [sentence for sentence in sentences if sentence.words]
    if sum(len(sentence.words) for sentence in sentences) < 2 * MIN_STORY_WORDS:
        return []
    cut = _boundary(text, sentences)
    if cut is None:
        return []
    offset = sentences[cut].start
    later = [offset + start for start in story_starts(text[offset:])]
    return [*story_starts(text[:offset]), offset, *later]


def _terms(words: set[str]) -> dict[str, tuple[str, float]]:
    """Each word form's stem and general-English frequency, remembered across calls (forgotten when too many)."""
    if len(_TERM_CACHE) > _TERM_CACHE_SIZE:
        _TERM_CACHE.clear()
    english = english_frequencies()
    for word in [word for word in words if word not in _TERM_CACHE]:
        folded = _fold(word)
        _TERM_CACHE[word] = (stem(folded), english.get(folded, _UNSEEN_FREQUENCY))
    return {word: _TERM_CACHE[word] for word in words}


def _fold(word: str) -> str:
    """Lower-case a word and drop a possessive, so "Garcia's" counts as "garcia"."""
    return word.lower().replace("’", "'").removesuffix("'s")


def _boundary(text: str, sentences: list[_Sentence]) -> int | None:
    """Index of the sentence that opens a second story, where the evidence for two stories is strongest.

    The cheap tests (sizes, sentence shapes, shared names) pick the candidate edges and the evidence each needs
    first, so most single stories never need the word model.
    """
    sizes = list(accumulate(len(sentence.words) for sentence in sentences))
    gaps = [
        gap
        for gap in range(len(sentences) - 1)
        if MIN_STORY_WORDS <= sizes[gap] <= sizes[-1] - MIN_STORY_WORDS
        and _closes(text[sentences[gap].start : sentences[gap].end])
    ]
    if not gaps:
        return None
    shares = _shared_names(sentences)
    needs = {
        gap + 1: need for gap in gaps if (need := _needed_evidence(text, sentences[gap + 1], shares[gap])) is not None
    }
    if not needs:
        return None
    evidence = _two_story_evidence(sentences)
    best: tuple[float, int] | None = None
    for cut, need in needs.items():
        score = float(evidence[cut - 1])
        if score < need.evidence and not (
            need.plain and score >= need.evidence + _NEW_SUBJECT_EVIDENCE and _introduces_subject(sentences, cut)
        ):
            continue
        if (best is None or score > best[0]) and not _is_list(text[sentences[cut].start :]):
            best = (score, cut)
    return best[1] if best else None


def _needed_evidence(text: str, opening: _Sentence, share: float) -> _Need | None:
    """How much word evidence a cut before the opening sentence needs, or None when it cannot open a story.

    A wire dateline opens a story by itself. Otherwise each doubt adds to the evidence asked for: a label first
    ("Source:", "SINGAPORE:"), which may be a caption or an interview's speaker, and names shared across the
    cut beyond `MAX_SHARED_NAMES`, up to `_MAX_NAME_SHARE`. A plain opening sentence that introduces a new subject
    needs less (`_NEW_SUBJECT_EVIDENCE`), checked only when the evidence falls short.
    """
    window = text[opening.start : opening.start + DATELINE_CHARS]
    if window[0].isupper() and any(dash in window for dash in _DASHES) and parse_dateline(window, None):
        return _Need(_DATELINE_EVIDENCE, plain=False)
    if share > _MAX_NAME_SHARE:
        return None
    need = MIN_EVIDENCE + max(0.0, share - MAX_SHARED_NAMES) * _SHARED_NAME_EVIDENCE
    sentence = text[opening.start : opening.end]
    if _opens(sentence):
        return _Need(need, plain=True)
    if _LABEL.match(sentence) and _opens(_LABEL.sub("", sentence, count=1).lstrip()):
        return _Need(need + _LABEL_EVIDENCE, plain=False)
    return None


def _introduces_subject(sentences: list[_Sentence], cut: int) -> bool:
    """The sentence at the cut opens on a name the text has not mentioned before, as a story's first sentence does:
    either a wire lede in which that name says something ("Houston Oil Trust said that ..."), or a name of which at
    least two words come back in the sentences after it."""
    seen = {_fold(word) for sentence in sentences[:cut] for word in sentence.words}
    words = sentences[cut].words
    if _fold(words[0]) in seen:
        return False
    verb = next((index for index, word in enumerate(words[: _MAX_SUBJECT_WORDS + 1]) if word in _SAYS), None)
    subject = [word for word in words[:verb] if word.lower() not in _SUBJECT_JOINERS] if verb else []
    if subject and all(word[0].isupper() and _fold(word) not in seen for word in subject):
        return True
    later = {_fold(word) for sentence in sentences[cut + 1 :] for word in sentence.words}
    novel = {_fold(word) for word in words[: _MAX_SUBJECT_WORDS + 1] if word[0].isupper()} - seen
    return len(novel & later) >= _RECURRING_NAMES


def _two_story_evidence(sentences: list[_Sentence]) -> np.ndarray:
    """Log Bayes factor of two stories against one, for a cut after each sentence but the last.

    Each story's words are Dirichlet-multinomial with a prior centred on general English frequencies; the
    prior's weight is the one that best fits the whole text. Moving one occurrence of a word from the second
    story to the first changes the two stories' log likelihoods by log(a + k) and -log(a + n - k - 1), where k
    counts its earlier occurrences and n all of them, so every cut is scored in one pass.
    """
    words = list(chain.from_iterable(sentence.words for sentence in sentences))
    terms = _terms(set(words))
    stems: dict[str, int] = {}
    word_ids = {word: stems.setdefault(stem, len(stems)) for word, (stem, _) in terms.items()}
    frequency = np.zeros(len(stems))
    np.maximum.at(frequency, list(word_ids.values()), [english for _, english in terms.values()])
    ids = np.fromiter(map(word_ids.__getitem__, words), dtype=np.intp, count=len(words))
    order = np.argsort(ids, kind="stable")
    counts = np.bincount(ids)
    first_of_group = np.cumsum(counts) - counts
    earlier = np.empty(len(ids))
    earlier[order] = np.arange(len(ids)) - np.repeat(first_of_group, counts)
    occurrences = counts[ids]
    size = len(ids)
    weight = frequency[ids]

    def log_likelihood(alpha: float) -> float:
        return lgamma(alpha) - lgamma(alpha + size) + float(np.log(alpha * weight + earlier).sum())

    alpha = max(_CONCENTRATIONS, key=log_likelihood)
    prior = alpha * weight
    moved = np.cumsum(np.log(prior + earlier) - np.log(prior + occurrences - earlier - 1))
    one_story = log_likelihood(alpha)
    one_sum = one_story - lgamma(alpha) + lgamma(alpha + size)
    ends = np.cumsum(np.array([len(sentence.words) for sentence in sentences[:-1]], dtype=np.intp))
    norms = np.array([2 * lgamma(alpha) - lgamma(alpha + left) - lgamma(alpha + size - left) for left in ends])
    return np.asarray(norms + one_sum + moved[ends - 1] - one_story)


def _shared_names(sentences: list[_Sentence]) -> list[float]:
    """For a cut after each sentence but the last, the larger share over both sides of name mentions whose name
    also occurs on the other side.

    Names are capitalised words never written in lower case here, counted at a sentence start only if also
    seen capitalised inside a sentence; titles ("President") and dates ("March", "Monday") are not names, as
    unrelated stories share them.
    """
    forms: set[str] = set().union(*(sentence.words for sentence in sentences))
    inner: set[str] = set().union(*(sentence.words[1:] for sentence in sentences))
    names: dict[str, int] = {}
    name_of = {
        word: names.setdefault(folded, len(names))
        for word in forms
        if word[0].isupper()
        and len(folded := _fold(word)) > 1
        and folded not in forms
        and folded not in TITLES
        and folded not in MONTHS
        and folded not in WEEKDAYS
    }
    width = len(names) + 1
    cells: list[int] = []
    for index, sentence in enumerate(sentences):
        words, row = sentence.words, index * width
        cells.extend(row + name_of[word] for word in words[1:] if word in name_of)
        if words[0] in name_of and words[0] in inner:
            cells.append(row + name_of[words[0]])
    counts = np.bincount(cells, minlength=len(sentences) * width).reshape(len(sentences), width)
    left = np.cumsum(counts, axis=0)[:-1]
    right = counts.sum(axis=0) - left
    left_total, right_total = left.sum(axis=1), right.sum(axis=1)
    left_share = (left * (right > 0)).sum(axis=1) / np.maximum(left_total, 1)
    right_share = (right * (left > 0)).sum(axis=1) / np.maximum(right_total, 1)
    return [float(share) for share in np.maximum(left_share, right_share)]


def _is_interview(text: str) -> bool:
    """Questions and answers labelled line by line ("Q:", "A:") change subject at every question."""
    return sum(bool(_LABEL.match(line)) for line in text.split("\n")) >= _MIN_LABELLED_LINES


def _is_list(text: str) -> bool:
    """Text whose lines are mostly bullets is a list, not a story."""
    lines = [line for line in text.split("\n") if line.strip()]
    return sum(line.startswith(_BULLETS) for line in lines) * 2 > len(lines)


def _closes(sentence: str) -> bool:
    """A story ends with a finished sentence."""
    return sentence.rstrip(TRAILING_CLOSERS).endswith((".", "!", "?"))


def _opens(sentence: str) -> bool:
    """A story opens with a full sentence that needs nothing before it: a statement of some length, with no
    pronoun, connective, quote or label first."""
    words = sentence.split()
    if len(words) < _MIN_OPENING_WORDS or not (sentence[0].isupper() or sentence[0].isdigit()):
        return False
    if sentence.rstrip(TRAILING_CLOSERS).endswith("?"):
        return False
    first = words[0].strip(",;:").lower()
    return first not in _CONTINUATIONS and not _LABEL.match(sentence)
