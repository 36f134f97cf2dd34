"""Dedup logic on plain dicts: exact and near copies, re-delivery, racing copies, retention, and the labelled set."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.dedup import independent_pairs, rates, score
from benchmarks.dedup_daemon import split_in_rounds
from benchmarks.dedup_pairs import (
    MIN_WORDS,
    NATURAL,
    TRUNCATE_TO,
    Pair,
    held_out_pairs,
    labelled_pairs,
    read_stories,
    topic_stories,
    web_stories,
)
from benchmarks.tagging import TOPIC_SETS, topic_table
from streams.dedup.sketch import DEFAULT, containment, prose, sketch
from streams.dedup.stage import (
    BUCKET_CAP,
    Config,
    Entry,
    Flagged,
    Original,
    expire_bucket,
    expired,
    pack_bucket,
    repeats,
    unpack_bucket,
)
from streams.testing import LocalDedup, text_article
from streams.text.fingerprint import content_hash

DAY_US = 86_400_000_000
START = 1_748_332_800_000_000
CONFIG = Config(threshold=0.8, retention_us=30 * DAY_US)

STORY = (
    "SEOUL, May 27 (Reuters) - North Korea's minister of state security, Ri Chang Dae, left Pyongyang on Monday "
    "to attend a meeting of senior security officials in Russia, the North's KCNA state news agency reported.\n"
    "Russian media have reported that the top security aide to President Vladimir Putin, Sergei Shoigu, will "
    "take part in the meeting to be attended by officials from countries including Iran and the United Arab "
    "Emirates.\n"
    "The meeting comes as Pyongyang and Moscow deepen military cooperation, with North Korean troops deployed "
    "to fight alongside Russian forces and both sides pledging to expand trade and transport links."
)
OTHER = (
    "TOKYO, June 23 (Reuters) - Japanese Prime Minister Shigeru Ishiba is planning to cancel his attendance at "
    "the NATO summit in the Hague, a source with direct knowledge of the matter said on Monday.\n"
    "Foreign Minister Takeshi Iwaya will represent Japan at the gathering instead, the source said, declining "
    "to be named because the decision had not been made public."
)
UPDATE = (
    STORY + "\nOfficials said the talks would cover weapons production, satellite launches and the exchange of "
    "military technology, which Western governments say breaches United Nations sanctions on the North.\n"
    "South Korea's defence ministry said it was monitoring the visit closely and would coordinate its response "
    "with Washington and Tokyo, while analysts expected new agreements on energy supplies and labour exports.\n"
    "The United States and its allies have accused Moscow of supplying the North with fuel, air defence systems "
    "and technical help for its missile and space programmes in exchange for munitions and troops.\n"
    "Japan's chief cabinet secretary told reporters in Tokyo that the government was gathering information and "
    "urged both countries to abide by the resolutions, adding that regional security had entered a harsher phase."
)


def run(*bodies: tuple[str, str, int], shuffle: int | None = None) -> LocalDedup:
    """Dedup the (body, document, seconds after start) articles, all put on the queue at once."""
    dedup = LocalDedup(CONFIG, shuffle=random.Random(shuffle) if shuffle is not None else None)
    articles = [text_article(body, document, START + seconds * 1_000_000) for body, document, seconds in bodies]
    dedup.add(articles, START)
    return dedup


def decided(dedup: LocalDedup) -> tuple[list[str], dict[str, dict[str, object]]]:
    """The documents published, and the flagged ones with their duplicate records."""
    return [a["document_id"] for a in dedup.unique], {d["document_id"]: dict(d) for d in dedup.duplicates}


def test_second_copy_is_exact_and_names_the_first() -> None:
    dedup = LocalDedup(CONFIG)
    dedup.add([text_article(STORY, "doc-a", START)], START)
    dedup.add([text_article(STORY, "doc-b", START + 1)], START)
    published, flagged = decided(dedup)
    assert published == ["doc-a"]
    assert flagged["doc-b"]["duplicate_kind"] == "exact"
    assert flagged["doc-b"]["duplicate_of"] == content_hash(STORY)
    assert flagged["doc-b"]["duplicate_of_document"] == "doc-a"
    assert flagged["doc-b"]["similarity"] == 1.0


def test_retyped_copy_has_the_same_id_and_is_exact() -> None:
    retyped = STORY.replace("'", "’").replace(" - ", " — ").upper().replace(", ", " ,  ")
    assert content_hash(retyped) == content_hash(STORY)
    dedup = run((STORY, "doc-a", 0))
    dedup.add([text_article(retyped, "doc-b", START + 5)], START)
    assert decided(dedup)[1]["doc-b"]["duplicate_kind"] == "exact"


def test_redelivery_is_never_a_duplicate_of_itself() -> None:
    dedup = LocalDedup(CONFIG)
    article = text_article(STORY, "doc-a", START)
    dedup.add([article, article], START)
    dedup.add([article], START)
    assert decided(dedup) == (["doc-a"], {})


def test_copy_cut_short_or_wrapped_in_chrome_is_near() -> None:
    truncated = " ".join(STORY.split(" ")[: int(len(STORY.split(" ")) * 0.8)])
    wrapped = "Home | World | Business\nShare this article\n" + STORY + "\nSign up for our newsletter\nMost read"
    dedup = run((STORY, "orig", 0), (truncated, "cut", 1), (wrapped, "chrome", 2))
    published, flagged = decided(dedup)
    assert published == ["orig"]
    for document in ("cut", "chrome"):
        assert flagged[document]["duplicate_kind"] == "near"
        assert flagged[document]["duplicate_of"] == content_hash(STORY)
        assert flagged[document]["similarity"] == pytest.approx(1.0, abs=0.1)


def test_update_that_is_mostly_new_text_is_kept_and_other_stories_too() -> None:
    dedup = run((STORY, "first", 0), (UPDATE, "update", 1), (OTHER, "other", 2))
    published, flagged = decided(dedup)
    assert sorted(published) == ["first", "other", "update"]
    assert flagged == {}


def test_of_two_copies_deciding_at_the_same_time_the_later_one_is_flagged() -> None:
    dedup = LocalDedup(CONFIG)
    edited = STORY.replace("reported.", "reported on Tuesday.")
    later, earlier = text_article(edited, "later", START + 5), text_article(STORY, "earlier", START)
    steps = [dedup.articles.article(later, 0), dedup.articles.article(earlier, 1)]
    for step in steps:
        step.commit()
    probes = [send for step in steps for send in step.sends]
    answers = []
    # each copy reaches some buckets first, so both learn of the other before either decides
    for probe in sorted(
        probes,
        key=lambda send: (send.partition, (send.value["id"] == earlier["id"]) ^ ((send.partition or 0) % 2 == 1)),
    ):
        step = dedup.buckets.probe(probe.value, probe.partition or 0, START)
        step.commit()
        answers.extend(step.sends)
    queue = [send.value for send in answers]
    while queue:
        step = dedup.articles.message(queue.pop(0))
        step.commit()
        for send in step.sends:
            if send.topic == "answers":
                queue.append(send.value)
            elif send.topic in ("unique", "duplicates"):
                (dedup.unique if send.topic == "unique" else dedup.duplicates).append(send.value)
    published, flagged = decided(dedup)
    assert published == ["earlier"]
    assert flagged["later"]["duplicate_of_document"] == "earlier"


def test_copy_arriving_after_the_original_was_published_is_flagged_whatever_its_ingest_time() -> None:
    dedup = run((STORY, "published-first", 10))
    dedup.add([text_article(STORY.replace("reported.", "said."), "ingested-earlier", START)], START)
    published, flagged = decided(dedup)
    assert published == ["published-first"]
    assert flagged["ingested-earlier"]["duplicate_of_document"] == "published-first"


@pytest.fixture(scope="module")
def labelled(corpus: Path) -> list[Pair]:
    return labelled_pairs(corpus)


@pytest.fixture(scope="module")
def near_pairs(labelled: list[Pair]) -> list[Pair]:
    """Made duplicates of different stories (one per story, none a natural repeat), each flagged on its own."""
    natural = {newid for pairs in NATURAL["reut2-000.sgm"].values() for pair in pairs for newid in pair}
    chosen, sources = [], set()
    for pair in labelled:
        fresh = pair.duplicate and pair.kind != "natural-duplicate" and pair.source not in sources
        if fresh and int(pair.source.split(":")[1]) not in natural and score(pair, 0.8).similarity:
            sources.add(pair.source)
            chosen.append(pair)
    return chosen


@pytest.mark.parametrize("seed", range(5))
def test_racing_pairs_in_any_delivery_order_are_caught_once_each(near_pairs: list[Pair], seed: int) -> None:
    chosen = random.Random(seed).sample(near_pairs, 80)
    bodies = [
        (text, f"{n}-{side}", n % 3) for n, p in enumerate(chosen) for side, text in (("a", p.first), ("b", p.second))
    ]
    dedup = run(*random.Random(seed).sample(bodies, len(bodies)), shuffle=seed)
    published, flagged = decided(dedup)
    assert len(published) + len(flagged) == len(bodies)
    for n in range(len(chosen)):
        kept = [side for side in "ab" if f"{n}-{side}" in published]
        assert len(kept) == 1, f"pair {n}: {kept} published"
    published_ids = {a["id"] for a in dedup.unique}
    assert all(record["duplicate_of"] in published_ids for record in flagged.values())
    assert all(v[1] != 0 for v in dedup.articles_table.values())


def test_a_new_broker_life_repeats_decisions_of_articles_delivered_again() -> None:
    copy = STORY.replace("reported.", "said.")
    dedup = run((STORY, "first", 0), (copy, "second", 1))
    before = decided(dedup)
    assert before[0] == ["first"]
    assert list(before[1]) == ["second"]
    articles = [text_article(STORY, "first", START), text_article(copy, "second", START + 1_000_000)]
    dedup.forget_outputs()
    dedup.add(articles, START)
    assert decided(dedup) == ([], {}), "the same life: its outputs are on the broker already"
    dedup.restart(epoch=7)
    dedup.add(articles, START)
    assert decided(dedup) == before, "a new life: the old outputs are gone, so they are given again"
    dedup.forget_outputs()
    dedup.add(articles, START)
    assert decided(dedup) == ([], {})


def test_articles_cut_off_mid_decision_are_decided_in_the_new_life() -> None:
    copy = STORY.replace("reported.", "said.")
    articles = [text_article(STORY, "first", START), text_article(copy, "second", START + 1_000_000)]
    dedup = LocalDedup(CONFIG)
    dedup._queue.extend(("article", article, dedup.partition_of(article["id"])) for article in articles)
    dedup.run(START, limit=6)
    assert decided(dedup) == ([], {})
    assert all(Entry.unpack(v).state == 0 for v in dedup.articles_table.values()), "both still undecided"
    dedup.restart(epoch=7)
    dedup.add(articles, START)
    published, flagged = decided(dedup)
    assert published == ["first"]
    assert flagged["second"]["duplicate_of"] == articles[0]["id"]


def test_an_undecided_article_of_an_old_life_never_holds_up_a_new_one() -> None:
    dedup = LocalDedup(CONFIG)
    old = text_article(STORY, "lost", START)
    dedup._queue.append(("article", old, dedup.partition_of(old["id"])))
    dedup.run(START, limit=3)
    dedup.restart(epoch=7)
    copy = text_article(STORY.replace("reported.", "said."), "new", START + 1_000_000)
    dedup.add([copy], START)
    assert decided(dedup) == (["new"], {})
    [stale] = [v for v in dedup.articles_table.values() if Entry.unpack(v).document_id == "lost"]
    assert expired(stale, {0, 1, 2, 3}, START + 1, epoch=7)
    assert not expired(stale, {0, 1, 2, 3}, START + 1, epoch=0)


def test_retention_forgets_old_articles_and_buckets() -> None:
    dedup = run((STORY, "old", 0))
    later = START + 31 * DAY_US
    copy = STORY.replace("reported.", "said.")
    dedup.add([text_article(copy, "new", later)], later)
    assert decided(dedup)[0] == ["old", "new"]
    [entry] = [v for v in dedup.articles_table.values() if Entry.unpack(v).document_id == "old"]
    assert expired(entry, {0, 1, 2, 3}, START + 1)
    assert not expired(entry, {0, 1, 2, 3}, START)
    bucket = pack_bucket(2, [(START, bytes(16)), (later, bytes(range(16)))])
    assert unpack_bucket(expire_bucket(bucket, {2}, START + 1) or b"") == (2, [(later, bytes(range(16)))])
    assert expire_bucket(bucket, {1}, later + 1) is bucket
    assert expire_bucket(bucket, {2}, later + 1) is None


def test_buckets_stay_small_and_forget_flagged_copies() -> None:
    copies = [(STORY + f"\nUpdated {n} minutes ago with no change to the story.", f"copy-{n}", n) for n in range(8)]
    dedup = run((STORY, "orig", 0), *copies)
    published, flagged = decided(dedup)
    assert published == ["orig"]
    assert len(flagged) == 8
    original = bytes.fromhex(content_hash(STORY))
    for value in dedup.buckets_table.values():
        members = unpack_bucket(value)[1]
        assert len(members) <= BUCKET_CAP
        assert [key for _, key in members] in ([original], [])


def test_entry_and_sketch_round_trip() -> None:
    drawn = sketch(STORY)
    assert len(drawn.keys) == DEFAULT.bands + 2
    entry = Entry(3, 1, START, 7, drawn.shingles, "doc-a", drawn.signature, epoch=9)
    assert Entry.unpack(entry.pack()) == entry
    original = Original(similarity=0.9, document_id="doc-b", exact=False, ingested_us=START)
    dropped = entry.decided(2, Flagged(original_id="ab" * 8, original=original))
    assert Entry.unpack(dropped.pack()) == dropped
    share_of_a, share_of_b = containment(drawn.signature, drawn.shingles, sketch(UPDATE).signature,
                                         sketch(UPDATE).shingles)  # fmt: skip
    assert share_of_a > 0.9
    assert share_of_b < 0.5
    assert repeats(share_of_a, share_of_b, 0.8) > 0.9
    assert repeats(share_of_b, share_of_a, 0.8) == 0.0


def test_prose_drops_page_furniture_but_keeps_tables() -> None:
    page = "Home | World | Business\nAdvertisement\n" + STORY + "\nShare this article\n© 2025 Example Media."
    assert prose(page) == STORY
    table = "Shr 81 cts vs 57 cts\nNet 3,660,273 vs 2,437,914\nRevs 28.5 mln vs 23.1 mln\nSix mths"
    assert prose(table) == table


def test_labelled_set_meets_the_targets(labelled: list[Pair]) -> None:
    pairs = labelled
    kinds = {pair.kind for pair in pairs}
    assert {"retyped", "headline", "corrected", "paragraph-added", "paragraph-removed", "chrome", "truncated",
            "natural-duplicate", "same-subject", "two-quarters", "natural-distinct"} <= kinds  # fmt: skip
    sample = pairs[::5]
    precision, recall = rates([score(pair, 0.8) for pair in sample], 0.8)
    assert precision >= 0.98
    assert recall >= 0.95


@pytest.fixture(scope="module")
def held_out(corpus: Path) -> list[Pair]:
    return held_out_pairs(corpus)


def test_held_out_pairs_make_the_same_changes_to_modern_articles(corpus: Path, held_out: list[Pair]) -> None:
    kinds = {"retyped", "headline", "corrected", "paragraph-added", "paragraph-removed", "chrome", "truncated"}
    stories = {story.key: story for story in [*web_stories(corpus), *topic_stories(corpus)]}
    assert all(story.words >= MIN_WORDS for story in stories.values())
    assert {pair.kind for pair in held_out} == {*kinds, "same-subject"}
    assert {pair.source.split(":")[0] for pair in held_out} == {"scrapinghub-benchmark", *TOPIC_SETS.values()}
    assert all(pair.duplicate == (pair.kind in kinds) for pair in held_out)
    reuters = {story.body for story in read_stories(corpus)}
    assert not reuters & {text for pair in held_out for text in (pair.first, pair.second)}
    for pair in held_out:
        short, whole = sorted((pair.first, pair.second), key=len)
        if pair.kind == "truncated":
            assert whole.startswith(short)
            assert len(short.split(" ")) == round(len(whole.split(" ")) * TRUNCATE_TO)
        if pair.kind == "headline":
            assert pair.first == pair.second
        if pair.kind == "paragraph-added":
            story = stories[pair.source]
            [added] = [line for line in whole.split("\n") if line not in story.paragraphs]
            assert short == story.body
            donors = [s for s in stories.values() if s.key != story.key and s.topics == story.topics]
            assert any(added in donor.paragraphs for donor in donors)
        if pair.kind == "same-subject":
            source, rival = pair.source.split("/")
            story = stories[source]
            assert story.body in (pair.first, pair.second)
            other = next(s for s in stories.values() if s.body in (pair.first, pair.second) and s is not story)
            assert story.topics == other.topics
            assert rival in (other.key, str(other.newid))


def test_flat_topic_texts_keep_their_words_in_short_paragraphs(corpus: Path) -> None:
    filename = TOPIC_SETS["held-out"]
    texts = [row["INPUT:text"] for row in topic_table(corpus, filename)]
    flat = [story for story in topic_stories(corpus) if story.file == filename]
    assert len(flat) >= 80
    for story in flat:
        assert "".join(story.body.split()) == "".join(texts[story.newid].split())
    lost = next(story for story in flat if "down.Barber" in texts[story.newid])
    assert any(paragraph.startswith("Barber said on Tuesday") for paragraph in lost.paragraphs)


def test_held_out_set_meets_the_targets(held_out: list[Pair]) -> None:
    precision, recall = rates([score(pair, 0.8) for pair in held_out[::3]], 0.8)
    assert precision >= 0.98
    assert recall >= 0.95


def test_pairs_sent_together_through_a_daemon_share_no_story() -> None:
    # A story is a text with the texts labelled its duplicates: pairs of one story in one daemon would meet the
    # story's other copies, which no pair meets in process.
    one, retyped, cut, other, third, fourth, fifth = (f"{word} story text with some words" for word in "ABCDEFG")
    same_as_one = "a Story text, with some words"  # equal to `one` once normalised
    story = {one: "a", retyped: "a", cut: "a", same_as_one: "a", other: "b", third: "c", fourth: "d", fifth: "e"}
    pairs = [
        Pair("retyped", True, one, retyped, "a"),
        Pair("same-subject", False, one, other, "a/b"),
        Pair("truncated", True, cut, retyped, "a"),
        Pair("same-subject", False, third, fourth, "c/d"),
        Pair("retyped", True, same_as_one, cut, "a"),
        Pair("same-subject", False, fifth, cut, "e/a"),  # `cut` is story a through the labels alone
    ]
    assert len(independent_pairs(pairs, 9)) == 2, "one pair of story a, and c/d"
    left = [pairs[1], pairs[5]]  # a/b and e/a, once the pairs that make `cut` story a are in earlier rounds
    assert len(independent_pairs(left, 9)) == 2
    assert len(independent_pairs(left, 9, labelled=pairs)) == 1, "stories come from the whole set's labels"
    rounds = split_in_rounds(pairs)
    assert sorted(id(pair) for chosen in rounds for pair in chosen) == sorted(id(pair) for pair in pairs)
    assert len(rounds) == 5, "five pairs hold story a"
    for chosen in rounds:
        held = [name for pair in chosen for name in {story[pair.first], story[pair.second]}]
        assert len(held) == len(set(held)), f"a story in two pairs of one round: {held}"
    x, y = "x story text with some words", "x story text with some other words"
    rivals = [
        Pair("same-subject", False, text, f"rival {n}", "x/r") for text, n in zip([x, x, y, y, y], "12345", strict=True)
    ]
    linked = [*rivals, Pair("retyped", True, x, y, "x")]  # the copy that makes x and y one story is drawn late
    assert [len(chosen) for chosen in split_in_rounds(linked)] == [1] * 6, "x and y are one story in every round"
