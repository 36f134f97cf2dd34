"""Headlines run straight into their body, cut by the learned cut weights, on real articles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.headline_training import examples, fit, held_out
from benchmarks.pages import Source, sources
from streams.split.headline_weights import NO_CUT, WEIGHTS
from streams.split.headlines import LIKELY_CUT, best_cut, split_headline


@pytest.fixture(scope="module")
def articles(corpus: Path) -> list[Source]:
    return sources(corpus)


def glued(article: Source) -> str:
    return f"{article.title} {' '.join(article.paragraphs)}"


@pytest.mark.parametrize(
    ("title", "body_start"),
    [
        # the cut falls before a name that opens the body, not inside it
        ("Hamilton signals he is ready to clinch title in style", "Lewis Hamilton posted"),
        ("Heinz Interested in Buying Guinness Brewing", "H.J. Heinz"),
        ("GM Cutting Salaried Merit Raises", "General Motors Corp"),
        # the body never starts on the end of a company name
        ("Daimler Output Could Be Affected by Dispute", "Daimler-Benz AG [DAIG.F] said"),
        ("Oerlikon Unit Rejects Dutch Patent Charges", "Oerlikon-Buehrle Holding AG"),
        # a title-case headline is cut whole even when its words recur in the body
        ("Bahia Cocoa Review", "Showers continued"),
        ("Argentina Could Suspend Debt Payments - Deputy", "Argentina could suspend"),
        ("U.S. Sugar Imports Down in Week - Usda", "Sugar imports subject"),
    ],
)
def test_a_glued_headline_is_cut_whole_where_its_body_begins(
    articles: list[Source], title: str, body_start: str
) -> None:
    article = next(article for article in articles if article.title == title)
    headline, body = split_headline(glued(article), min_score=-np.inf)
    assert headline == title
    assert body.startswith(body_start)


def test_most_headlines_of_articles_the_weights_never_saw_are_cut_at_their_last_word(articles: list[Source]) -> None:
    unseen = [article for article in articles if held_out(article)]
    assert len(unseen) > 300
    right = 0
    for article in unseen:
        found = best_cut(glued(article), -np.inf)
        right += found is not None and found.at == len(article.title) + 1
    assert right / len(unseen) > 0.85


def test_a_bare_body_is_mostly_left_without_a_headline(articles: list[Source]) -> None:
    bodies = [" ".join(article.paragraphs) for article in articles if held_out(article)]
    assert sum(best_cut(body, LIKELY_CUT) is None for body in bodies) / len(bodies) > 0.95


def test_the_shipped_weights_are_what_the_training_half_gives(articles: list[Source]) -> None:
    weights = fit(list(examples([article for article in articles if not held_out(article)])))
    assert np.allclose(weights, [NO_CUT, *WEIGHTS], atol=1e-3)
