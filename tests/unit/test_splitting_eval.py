"""Generated aggregator pages: what they hold, and how the split stage does on them."""

from __future__ import annotations

from pathlib import Path

from benchmarks.pages import CHROME, pages, sources
from benchmarks.splitting import documents_of, page_figures
from streams.split.stage import split


def test_pages_hold_the_layout_and_the_articles_they_expect(corpus: Path) -> None:
    articles = sources(corpus)
    assert len(articles) > 500
    generated = list(pages(articles, 30, seed=7))
    assert [page.text for page in generated] == [page.text for page in pages(articles, 30, seed=7)]
    for page in generated:
        lines = page.text.split("\n")
        assert "\n".join(CHROME[:7]) in page.text
        related = [expected for expected in page.expected if expected.kind == "related"]
        assert 1 <= len([expected for expected in related if not expected.split_off]) <= 6
        for expected in related:
            assert expected.outlet in lines
            assert f"- {expected.outlet}" in lines
            assert " ".join(expected.body.split()) in " ".join(page.text.split())
    kinds = {(expected.glued, expected.split_off) for page in generated for expected in page.expected}
    assert {(True, False), (False, True), (False, False)} <= kinds


def test_split_gets_most_generated_items_right_and_never_leaks_chrome(corpus: Path) -> None:
    generated = list(pages(sources(corpus), 60, seed=11))
    results = [split(document) for document in documents_of(generated)]
    figures = {figure.name: figure.value for figure in page_figures(generated, results)}
    assert figures["items right (outlet, headline, time, body, count)"] > 0.8
    assert figures["bodies with a chrome or item-header line"] == 0


def test_reuters_headlines_keep_company_names_and_the_capitals_the_story_uses(corpus: Path) -> None:
    titles = {source.title for source in sources(corpus)}
    assert "EC Ministers Consider Big Agriculture Price Cuts" in titles
    assert "U.S. Launches Weather Satellite" in titles


def test_run_on_pairs_join_stories_of_different_subjects(corpus: Path) -> None:
    articles = sources(corpus)
    subjects = {" ".join(article.paragraphs): article.subjects for article in articles}
    for page in pages(articles, 60, seed=3):
        for first, second in zip(page.expected, page.expected[1:], strict=False):
            if second.split_off:
                assert not subjects[" ".join(first.body.split())] & subjects[second.body]
