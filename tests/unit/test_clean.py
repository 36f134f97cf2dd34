"""The clean stage on real bytes: encodings, repairs, rejections, HTML extraction and the seed pages."""

from __future__ import annotations

import base64
import codecs
import gzip
import hashlib
import json
import tracemalloc
from pathlib import Path

import pytest

from streams.clean.decode import decode
from streams.clean.extract import MAX_THOROUGH_TAGS
from streams.clean.stage import MAX_HTML_TAGS, clean
from streams.dedup.sketch import sketch
from streams.errors import RejectedInput
from streams.records import RawMeta
from streams.settings import MAX_FILE_BYTES
from streams.split.stage import split
from streams.tag.stage import tag
from streams.text.page import PAGE_CHROME, RELATED_MARKER

SCRAPINGHUB_PAGE = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
SCRAPINGHUB_SLUG = "new-york-state-attorney-general-investigating-wework-and-former-ceo"


def meta(filename: str | None = "page.txt", content_type: str | None = None, size: int = 0) -> RawMeta:
    return RawMeta(
        document_id="doc-1",
        filename=filename,
        content_type=content_type,
        size=size,
        crawled_at="2025-06-23T07:00:00+00:00",
        ingested_at="2025-06-23T07:01:00+00:00",
    )


def test_windows_1252_is_decoded_with_its_smart_punctuation() -> None:
    text = "He said “don’t go” — the ticket costs 5 € at the door…"
    raw = text.encode("cp1252")
    document = clean(raw, meta())
    assert document["text"] == text
    assert text.encode(document["encoding"]) == raw


def test_latin_1_is_decoded() -> None:
    text = "Grüße aus Köln: café crème, naïve façade."
    document = clean(text.encode("latin-1"), meta())
    assert document["text"] == text
    assert document["encoding"] in {"cp1252", "iso8859-1"}


def test_short_latin_1_word_is_not_mistaken_for_utf_16() -> None:
    assert decode("café".encode("latin-1")) == ("café", "cp1252")


GREETING = "Grüße from “Kyiv”, 23 June 2025."


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF16_LE + GREETING.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + GREETING.encode("utf-16-be"), "utf-16-be"),
        (GREETING.encode("utf-16-le"), "utf-16-le"),
        (GREETING.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + GREETING.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + GREETING.encode("utf-32-be"), "utf-32-be"),
        (GREETING.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF8 + GREETING.encode(), "utf-8-sig"),
    ],
)
def test_unicode_with_and_without_byte_order_mark_is_text(raw: bytes, encoding: str) -> None:
    document = clean(raw, meta())
    assert document["text"] == GREETING
    assert document["encoding"] == encoding


def test_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    document = clean("I donâ€™t know what happened in Kyiv.".encode(), meta())
    assert document["text"] == "I don’t know what happened in Kyiv."
    assert document["encoding"] == "utf-8"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Les élèves ont visité le musée à Genève ".encode() + b"\xe9t\xe9" + " près du lac, dit-il.".encode(),
         "Les élèves ont visité le musée à Genève \ufffdt\ufffd près du lac, dit-il."),
        ("Die Stadt München plant eine neue Straßenbahn ".encode() + b"f\xfcr 2026.",
         "Die Stadt München plant eine neue Straßenbahn f\ufffdr 2026."),
        ("Le président a parlé à l'Élysée de la sécurité ".encode() + b"\xed\xa0\x80 hier soir.",
         "Le président a parlé à l'Élysée de la sécurité \ufffd\ufffd\ufffd hier soir."),
        ("Grüße aus Köln, café crème: ein Bericht über".encode() + "ü".encode()[:1],
         "Grüße aus Köln, café crème: ein Bericht über\ufffd"),
    ],
)  # fmt: skip
def test_utf_8_with_a_few_bad_bytes_reads_as_browsers_read_it(raw: bytes, text: str) -> None:
    # A stray Windows-1252 byte, a lone surrogate, a character cut short: each bad sequence one U+FFFD.
    assert decode(raw) == (text, "utf-8")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("一方、この関数は呼び出し元に決してリターンしません。", "euc_jp"),
        ("一方、この関数は呼び出し元に決してリターンしません。", "shift_jis"),
        ("救援人员周一在基辅一栋倒塌建筑的废墟中搜寻幸存者。", "gb18030"),
    ],
)
def test_legacy_text_that_holds_some_good_utf_8_by_accident_is_not_utf_8(text: str, encoding: str) -> None:
    raw = text.encode(encoding)
    assert decode(raw)[0] == text  # read by detection, as the encoding or a superset of it (cp932)
    assert decode(raw, f"text/plain; charset={encoding}") == (text, encoding)


def test_a_declared_legacy_charset_the_bytes_fit_wins_over_utf_8_with_bad_bytes() -> None:
    raw = "Génova’s «façade» — élégante…".encode() + " Génova".encode("cp1252")
    assert decode(raw, "text/html; charset=windows-1252") == (raw.decode("cp1252"), "cp1252")


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        (codecs.BOM_UTF8 + GREETING.encode() + b"\xff", GREETING + "\ufffd", "utf-8-sig"),
        (codecs.BOM_UTF16_LE + GREETING.encode("utf-16-le") + b"!", GREETING + "\ufffd", "utf-16-le"),
    ],
)
def test_a_bad_sequence_after_a_byte_order_mark_is_replaced(raw: bytes, text: str, encoding: str) -> None:
    assert decode(raw) == (text, encoding)


def test_a_byte_order_mark_before_bytes_that_are_not_its_encoding_is_refused() -> None:
    with pytest.raises(RejectedInput, match="bad utf-8 after its byte-order mark"):
        decode(codecs.BOM_UTF8 + "Grüße aus Köln und München".encode("cp1252"))


def test_a_story_padded_with_nul_bytes_is_text() -> None:
    # A download cut short leaves the rest of its preallocated file zeros.
    assert decode(GREETING.encode() + b"\x00" * 65536) == (GREETING, "utf-8")
    with pytest.raises(RejectedInput, match="binary file: only NUL bytes"):
        decode(b"\x00" * 4096)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("padding", [4, 57, 4096])
def test_wide_text_without_a_byte_order_mark_padded_with_nul_bytes_is_text(encoding: str, padding: int) -> None:
    # The padding's NULs in the text's byte column hid the NUL pattern of wide text: it was refused as binary.
    text = f"{GREETING}\n{GREETING} {GREETING}"
    decoded, found = decode(text.encode(encoding) + b"\x00" * padding)
    assert (decoded.rstrip("\x00"), found) == (text, encoding)  # NUL characters left are dropped after decoding


def test_nul_bytes_are_stripped() -> None:
    assert clean(b"Kyiv\x00 under\x00 attack\x00 again", meta())["text"] == "Kyiv under attack again"


def test_mixed_line_endings_become_newlines() -> None:
    raw = b"first line\r\nsecond line\rthird line\nfourth line"
    assert clean(raw, meta())["text"] == "first line\nsecond line\nthird line\nfourth line"


def test_whitespace_is_normalised() -> None:
    raw = b"\n\n  Headline \t here  \nfirst\tline   \n\n\n\n\nsecond line\n\n\n"
    assert clean(raw, meta())["text"] == "Headline here\nfirst line\n\nsecond line"


def test_page_chrome_goes_but_one_canonical_related_marker_stays() -> None:
    raw = b"Headline\nBody.\nHASHTAGS\n\nTry our AI features\nComments\nNo comments yet...\nRELATED ARTICLES\n"
    document = clean(raw, meta())
    assert document["text"] == f"Headline\nBody.\n\n{RELATED_MARKER}"
    assert document["format"] == "text"
    assert document["title"] is None


FLOOD_PAGE = [
    "Hundreds evacuated as river bursts its banks",
    "Emergency crews evacuated more than 300 people from homes in the city centre overnight after the river burst "
    "its banks at three points.",
    "The council said 41 properties had been confirmed as flooded and that the number was likely to rise.",
]
FLOOD_FURNITURE = [
    "Share this story", "Share", "Facebook", "WhatsApp", "Copy link", "Advertisement", "Read more:",
    "Get the day's top stories in your inbox.", "Newsletter abonnieren", "More from The Harbour Herald",
    "Ähnliche Artikel", "Noticias relacionadas", "Continue reading below", "Save", "Footer", "About us",
    "Privacy Policy", "Recommended", "Flu cases double in a week", "What does the new GP contract mean for patients?",
    "Photography by Mhairi Grant",
]  # fmt: skip
FLOOD_ITEMS = [
    "The Harbour Herald", "3 hours ago", "- The Harbour Herald", "Ferry services suspended until Tuesday",
    "Passenger ferries will not run until at least Tuesday after flood debris damaged two pontoons, the operator said.",
]  # fmt: skip


def test_a_plain_pages_own_story_loses_its_share_buttons_labels_and_pitches_and_its_items_are_left() -> None:
    text = "\n".join([*FLOOD_PAGE, *FLOOD_FURNITURE, RELATED_MARKER, *FLOOD_ITEMS])
    assert clean(text.encode(), meta())["text"] == "\n".join([*FLOOD_PAGE, RELATED_MARKER, *FLOOD_ITEMS])


def test_a_plain_page_without_the_marker_loses_its_furniture_and_keeps_its_items() -> None:
    text = "\n".join([*FLOOD_PAGE, *FLOOD_FURNITURE, "", *FLOOD_ITEMS])
    assert [line for line in clean(text.encode(), meta())["text"].split("\n") if line] == [*FLOOD_PAGE, *FLOOD_ITEMS]


def test_a_plain_teaser_lists_items_go_with_its_bare_label_and_the_story_after_it_stays() -> None:
    story = ["Ferry fares to rise", "Ferry fares will rise by 8% in January, the operator said on Monday."]
    furniture = ["Most read", "1. Council approves bridge closure", "2. Ferry fares to rise by 8% from January"]
    after = ["", "The strike began on 28 November, the union said."]
    text = "\n".join([*story, *furniture, *after])
    assert clean(text.encode(), meta())["text"] == "\n".join([*story, *after])


@pytest.mark.parametrize(
    "lines",
    [
        # an inline teaser goes, but not the quote, question and subhead after it
        ["Rail strike called off", "The union called off the strike on Monday after talks.",
         "Read more: Rail strike dates announced", "", '"We will not give up."', "", "What happens now?", "",
         "Next steps for commuters", "", "Talks resume on Friday, the union said."],
        # sentences the HTML rules read as captions, pitches, credits or notices
        ["Economy slows", "The figures paint a clear picture: a slowing economy.",
         "The newsletter, founded in 2019, now has 40,000 paying subscribers.",
         "Fewer than one in ten eligible workers sign up.", "Source: a senior Treasury official",
         "Photographs by Dorothea Lange shaped how the country saw the Depression."],
        ["Brown butter cookies", "We use brown butter for these cookies, which gives them a nutty taste.",
         "Please let the cookies cool for ten minutes before serving."],
    ],
)  # fmt: skip
def test_a_plain_storys_own_lines_that_read_like_furniture_stay(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert [line for line in clean(text.encode(), meta())["text"].split("\n") if line] == [
        line for line in lines if line and not line.startswith("Read more:")
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Markets tumble\n\nBy Jane Doe\n\nShares fell sharply on Monday as investors took fright.", "Markets tumble"),
        ("Oil prices slump | Reuters\nOil prices fell 5% on Monday as demand worries grew, traders said.",
         "Oil prices slump | Reuters"),
        ("Brexit deal\n\n\"We have a deal,\" the prime minister said on Thursday evening.", "Brexit deal"),
    ],
)  # fmt: skip
def test_short_headlines_and_lines_with_figures_are_no_menu_or_section_label(text: str, title: str) -> None:
    [article] = split(clean(text.encode(), meta()))
    assert article["title"] == title


def test_short_lines_with_figures_at_the_top_are_no_menu() -> None:
    text = "Lemon drizzle cake\nServes 8\nPrep 20 min\nCook 45 min\nPreheat the oven to 180C and line a tin."
    assert clean(text.encode(), meta())["text"] == text


def test_a_title_case_headline_opening_like_a_foreign_byline_stays_the_headline() -> None:
    text = "Di Maria Double Sinks Roma\nJuventus back on top after derby win\n\nAngel Di Maria scored twice on Sunday."
    document = clean(text.encode(), meta())
    assert document["author"] is None
    assert document["text"].startswith("Di Maria Double Sinks Roma")


def test_a_wire_credit_wrapped_over_the_last_two_lines_gives_the_author() -> None:
    text = (
        "Poland's central bank cuts rates\n\n"
        "WARSAW, Dec 4 (Reuters) - Poland's central bank cut its main interest\n"
        "rate by 25 basis points on Wednesday, as most economists had expected,\n"
        "and signalled a pause in the easing cycle until the spring.\n"
        "(Reporting by Marta Zielinska and Piotr Nowicki; Editing by Alison\n"
        "Williams)\n"
    )
    assert clean(text.encode(), meta())["author"] == "Marta Zielinska; Piotr Nowicki"


def test_text_wrapped_at_a_fixed_width_keeps_lines_that_read_like_furniture_mid_sentence() -> None:
    text = (
        "Pension fund sets deadline\n\n"
        "LONDON, March 3 - Members of the fund who want the new terms must\n"
        "subscribe between January 1 1988 and March 31 1992 to one of the\n"
        "two schemes, the fund said, adding that figures in the latest\n"
        "newsletter from the co-operative showed strong demand for both.\n"
    )
    assert clean(text.encode(), meta())["text"] == text.strip()


def test_metadata_is_copied_from_the_raw_meta() -> None:
    document = clean(b"Some text about the war in Kyiv.", meta("a.txt", "text/plain; charset=utf-8", 10))
    assert document["document_id"] == "doc-1"
    assert document["filename"] == "a.txt"
    assert document["content_type"] == "text/plain; charset=utf-8"
    assert document["size"] == 10
    assert document["crawled_at"] == "2025-06-23T07:00:00+00:00"
    assert document["ingested_at"] == "2025-06-23T07:01:00+00:00"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t \n", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file: PDF document$"),
        (b"PK\x03\x04\x14\x00\x00\x00", r"binary file: ZIP archive \(unpack it and drop the files inside\)"),
        (gzip.compress(gzip.compress(gzip.compress(gzip.compress(b"hello world")))), "binary file: gzip archive"),
        (b"\x00\x00\x00\x01\xfe\x00\x10\x00\x00B" * 50, "binary file: too many NUL bytes"),
        (bytes(range(256)) * 8, "undecodable"),
    ],
)
def test_unusable_input_is_rejected_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput, match=reason):
        clean(raw, meta())


def test_html_without_article_text_is_rejected() -> None:
    raw = b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>"
    with pytest.raises(RejectedInput, match="no extractable article text"):
        clean(raw, meta("page.html", "text/html"))


@pytest.mark.parametrize(("filename", "content_type"), [("story.html", None), ("STORY.HTM", None), (None, "text/html")])
def test_text_named_or_served_as_html_without_a_tag_is_text(filename: str | None, content_type: str | None) -> None:
    raw = f"Kyiv rescue goes on\n\n{STORY} Shares of <AAPL.O> and <P> rose.".encode()
    document = clean(raw, meta(filename, content_type))
    assert document["format"] == "text"
    assert document["text"] == f"Kyiv rescue goes on\n\n{STORY} Shares of <AAPL.O> and <P> rose."


def test_data_pasted_into_a_page_as_text_is_no_part_of_its_body() -> None:
    blob = base64.b64encode(bytes(range(256)) * 400).decode()
    raw = f"<html><body><article><h1>Kyiv rescue</h1><p>{STORY}</p><p>{blob}</p><p>data:image/png;base64,{blob}</p>"
    document = clean(f"{raw}<p>The search goes on.</p></article></body></html>".encode(), meta("page.html"))
    assert document["text"] == f"{STORY}\n\nThe search goes on."
    assert clean(f"{STORY}\n{blob[:500]}".encode(), meta())["text"] == STORY


def test_html_entities_left_in_plain_text_are_read() -> None:
    raw = b"Bear Stearns &amp; Co bought the Caf&eacute; chain&#8217;s debt; AT&T, S&P, R&D and &notaname; stay."
    read = "Bear Stearns & Co bought the Café chain’s debt; AT&T, S&P, R&D and &notaname; stay."
    assert clean(raw, meta())["text"] == read


def test_invisible_characters_alone_are_an_empty_file() -> None:
    raw = "\u00a0\u3000\u200b\u200d\ufeff\t\u2060\n\u200b\t\u200c".encode()
    with pytest.raises(RejectedInput, match="empty file: only whitespace"):
        clean(raw, meta())


def test_html_is_recognised_by_its_markup_alone() -> None:
    paragraph = "Rescue workers searched the rubble of the building in Kyiv for survivors on Monday."
    raw = f"<html><head><title>Kyiv rescue</title></head><body><article><p>{paragraph}</p></article></body></html>"
    document = clean(raw.encode(), meta("page.txt", None))
    assert document["format"] == "html"
    assert document["text"] == paragraph


def test_html_declared_charset_is_honoured() -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv for survivors on Monday, “officials” said."
    page = f'<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><p>{paragraph}</p></body></html>'
    document = clean(page.encode("cp1252"), meta("page.html"))
    assert document["encoding"] == "cp1252"
    assert document["text"] == paragraph
    assert document["title"] == "Café"


def html_page(paragraph: str, charset: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>Café</title></head><body><p>{paragraph}</p></body></html>'


def test_html_declaring_utf_8_but_written_in_windows_1252_is_read_as_windows_1252() -> None:
    paragraph = "El niño comió jalapeños y piña en la señorial Peñíscola, según él; “qué día”, dijo."
    for content_type in (None, "text/html; charset=utf-8"):
        document = clean(html_page(paragraph, "utf-8").encode("cp1252"), meta("page.html", content_type))
        assert document["encoding"] == "cp1252"
        assert document["text"] == paragraph


def test_html_declaring_a_legacy_charset_but_written_in_utf_8_is_read_as_utf_8() -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv on Monday, “officials” said — 5 € each."
    for charset in ("iso-8859-1", "windows-1251"):
        document = clean(html_page(paragraph, charset).encode(), meta("page.html"))
        assert document["encoding"] == "utf-8"
        assert document["text"] == paragraph


@pytest.mark.parametrize(("encoding", "paragraph"), [
    ("gb18030", "气象部门表示，北部沿海地区周二遭遇破纪录暴雨，河水决堤，地方政府已下令紧急撤离。"),
    ("big5", "氣象部門表示，北部沿海地區週二遭遇破紀錄暴雨，河水決堤，地方政府已下令緊急撤離。"),
])  # fmt: skip
def test_html_labelled_western_but_written_in_another_legacy_charset_is_read_in_that(
    encoding: str, paragraph: str
) -> None:
    for charset in ("iso-8859-1", "windows-1252"):
        page = f'<html><head><meta charset="{charset}"></head><body><p>{paragraph * 2}</p></body></html>'
        assert clean(page.encode(encoding), meta("page.html"))["text"] == paragraph * 2


FARES = (
    "Mayor’s “clean air” zone to start in June\n\nThe mayor’s “clean air” zone will come into force on June 1, the "
    "city said on Monday – three months later than planned — after businesses asked for more time.\n\nDrivers of "
    "older diesel vans will pay £12.50 a day to enter the zone. “We’ve listened,” the mayor said.\n"
)


def test_unlabelled_windows_1252_is_not_read_as_windows_1250() -> None:
    # The detector finds the Central European reading a shade more coherent: "£12.50" came out as "Ł12.50".
    assert decode(FARES.encode("cp1252")) == (FARES, "cp1252")


BUDGET_PL = (
    "Rząd przyjął projekt budżetu\n\nRząd przyjął we wtorek projekt ustawy budżetowej. Minister finansów powiedział, "
    "że deficyt będzie niższy niż w zeszłym roku. Posłowie zagłosują nad projektem w przyszłym tygodniu.\n"
)
VOTE_PL = (
    "Sejm: głosowanie w piątek\n\nPosłowie zagłosują nad ustawą w piątek. Marszałek Sejmu zapowiedział, że debata "
    "potrwa dwa dni.\n"
)
MATCH_PL = (
    "Lech Poznań wygrał z Legią\n\nLech Poznań pokonał Legię Warszawa 2:1 w meczu na szczycie Ekstraklasy. Bramki "
    "dla gospodarzy zdobyli Ishak i Sousa, a dla gości gola strzelił Pekhart. Trener Lecha powiedział po meczu, że "
    "drużyna zasłużyła na zwycięstwo.\n"
)
BUDGET_CS = (
    "Sněmovna bude hlasovat o rozpočtu\n\nVláda ve středu schválila návrh zákona o státním rozpočtu na příští rok. "
    "Ministr financí řekl, že schodek bude nižší než loni a že růst ekonomiky se zrychlí.\n\nPoslanci budou o "
    "návrhu hlasovat příští týden. Opozice kritizuje, že rozpočet nepočítá s růstem cen energií a že úspory "
    "dopadnou hlavně na důchodce.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(BUDGET_PL, "cp1250"), (VOTE_PL, "cp1250"), (MATCH_PL, "iso8859_2"), (BUDGET_CS, "cp1250")],
)
def test_unlabelled_central_european_text_is_read_in_the_reading_whose_words_are_words(
    text: str, encoding: str
) -> None:
    # The detector found Windows-1257 ("Rz¹d przyj¹³"), ISO-8859-10 ("gģosowanie") and Windows-1252 ("rozpoètu")
    # as clean as the true readings, and preferred them.
    document = clean(text.encode(encoding), meta())
    assert document["text"] == text.strip()
    assert codecs.lookup(document["encoding"]) == codecs.lookup(encoding)


def test_a_script_tags_charset_before_the_pages_own_is_passed_over() -> None:
    polish = "Ziemniaki na szóstej, surówka na dziesiątej. Jak pomagać, żeby nie zaszkodzić?"
    page = (f'<html><head><script charset="UTF-8" src="consent.js"></script><meta charset="ISO-8859-2">'
            f"<title>{polish}</title></head><body><p>{polish}</p></body></html>")  # fmt: skip
    assert decode(page.encode("iso8859_2")) == (page, "iso8859-2")


JAPANESE_NEWS = "北陸新幹線の金沢―敦賀間が十六日、延伸開業した。東京から敦賀までは最速で三時間八分となる。"


def test_iso_2022_jp_is_read_as_japanese_labelled_or_not() -> None:
    # Seven-bit ISO-2022-JP is valid UTF-8 byte for byte: read so, its escapes came out as "$BKLN&?7".
    page = f'<html><head><meta charset="iso-2022-jp"></head><body><p>{JAPANESE_NEWS}</p></body></html>'
    document = clean(page.encode("iso2022_jp"), meta("page.html"))
    assert document["text"] == JAPANESE_NEWS
    assert decode(JAPANESE_NEWS.encode("iso2022_jp"))[0] == JAPANESE_NEWS
    assert decode(b"status \x1b[31mred\x1b[0m")[1] == "utf-8", "a terminal colour escape is no ISO-2022"


RUSSIAN = "Сильные дожди затопили десятки прибрежных посёлков на севере страны во вторник, сообщили в МЧС."


@pytest.mark.parametrize(("written", "labelled"), [("koi8_r", "windows-1251"), ("cp1251", "koi8-r")])
def test_russian_labelled_with_the_other_cyrillic_charset_is_read_in_its_own(written: str, labelled: str) -> None:
    later = "Спасатели на лодках доставали жителей из затопленных домов, жертв нет."
    page = f'<html><head><meta charset="{labelled}"></head><body><p>{RUSSIAN}</p><p>{later}</p></body></html>'
    document = clean(page.encode(written), meta("page.html"))
    assert (document["encoding"], document["text"]) == (codecs.lookup(written).name, f"{RUSSIAN}\n{later}")


def test_russian_with_words_in_capitals_keeps_its_label() -> None:
    shouted = "ГЛАВНАЯ НОВОСТИ ПОЛИТИКА ЭКОНОМИКА " + RUSSIAN
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{shouted}</p></body></html>'
    assert clean(page.encode("cp1251"), meta("page.html"))["encoding"] == "cp1251"


def test_western_text_with_runs_of_accents_keeps_its_label() -> None:
    paragraph = "Ærøskøbing og Næstved får større støtte, siger ministeren; «Åbenlyst», svarede borgmesteren."
    document = clean(html_page(paragraph, "iso-8859-1").encode("cp1252"), meta("page.html"))
    assert (document["encoding"], document["text"]) == ("cp1252", paragraph)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf_16_html_declaring_utf_8_is_read(encoding: str) -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv on Monday, “officials” said — 5 € each."
    document = clean(html_page(paragraph, "utf-8").encode(encoding), meta("page.html"))
    assert document["format"] == "html"
    assert document["text"] == paragraph


@pytest.mark.parametrize("charset", ["undefined", "unicode-escape", "raw-unicode-escape"])
def test_a_declared_charset_no_page_is_written_in_is_ignored(charset: str) -> None:
    # Python knows these codecs, but they turn escapes into text or refuse every byte; a literal
    # "\\ud800" in a script would become half a surrogate pair that no later step can write.
    paragraph = "Café owners in Montréal met the mayor on Tuesday to protest the new terrace rules. " * 3
    script = "<script>var s = '\\ud800';</script>"
    raw = html_page(paragraph + script, charset).encode("latin-1")
    document = clean(raw, meta("page.html"))
    assert "Café owners in Montréal" in document["text"]
    assert document["encoding"] not in {"undefined", "unicode_escape", "raw_unicode_escape"}


@pytest.mark.parametrize(
    "json_ld",
    [
        '[[{"@type": "NewsArticle", "headline": "Terrace rules"}]]',
        '"just a string"',
        "[1, 2, 3]",
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_json_ld_of_an_unexpected_shape_leaves_the_article(json_ld: str) -> None:
    paragraph = "Café owners in Montréal met the mayor on Tuesday to protest the new terrace rules. " * 3
    script = f'<script type="application/ld+json">{json_ld}</script>'
    page = html_page(paragraph, "utf-8").replace("</head>", f"{script}</head>")
    document = clean(page.encode(), meta("page.html"))
    assert "Café owners in Montréal" in document["text"]


@pytest.mark.parametrize("wrapper", ["<![CDATA[{}]]>", "//<![CDATA[\n{}\n//]]>", "<!--{}-->", "\n  {}  \n"])
def test_json_ld_hidden_in_cdata_or_a_comment_is_read(wrapper: str) -> None:
    paragraph = "Café owners in Montréal met the mayor on Tuesday to protest the new terrace rules. " * 3
    stated = '{"@type": "NewsArticle", "datePublished": "2019-11-20T06:35:39Z", "publisher": {"name": "Le Devoir"}}'
    script = f'<script type="application/ld+json">{wrapper.format(stated)}</script>'
    page = html_page(paragraph, "utf-8").replace("</head>", f"{script}</head>")
    document = clean(page.encode(), meta("page.html"))
    assert (document["published_at"], document["publisher"]) == ("2019-11-20T06:35:39+00:00", "Le Devoir")


@pytest.mark.parametrize("brk", ["\v", "\f", "\u2028", "\u2029", "\x85"])
def test_any_line_break_parts_paragraphs(brk: str) -> None:
    first = "CHICAGO - Soybean futures rose on Monday as exporters bought more of the output of soybean meal and oil."
    second = "The weekly U.S. soybean inspections came in above what traders had expected, brokers said."
    text = clean(f"{first}{brk}{second}\n".encode(), meta("story.txt"))["text"]
    assert text.splitlines() == [first, second]


def test_zero_width_characters_joining_nothing_are_dropped() -> None:
    story = ("LONDON - The Bank of England kept interest rates on hold on Thursday and signalled that it would wait "
             "for more data on inflation and wages before it moves, economists said after the decision.")  # fmt: skip
    flooded = " \u200d\u200b".join(story.split(" ")).replace("wait", "w\u200c\u200c\u200c\u2060ait")
    document = clean(flooded.encode(), meta("story.txt"))
    assert document["text"] == story
    assert tag({**split(document)[0], "body": document["text"]})["language"] == "en"


def test_zero_width_joiners_a_script_needs_stay() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 " * 20
    assert "\u200c" in clean(persian.encode(), meta("story.txt"))["text"]


def test_mojibake_in_html_is_repaired() -> None:
    paragraph = 'Rescue workers searched the rubble of the Café Kyiv on Monday, “officials" said — it’s 5 € each.'
    garbled = paragraph.encode().decode("cp1252")
    assert "â€™" in garbled
    assert clean(html_page(garbled, "utf-8").encode(), meta("page.html"))["text"] == paragraph


def test_nul_bytes_and_mixed_line_endings_in_html_are_harmless() -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv on Monday, officials said."
    page = html_page(paragraph, "utf-8").replace("<p>", "\r\n<p>\x00").replace("</title>", "</title>\r\r\n")
    assert clean(page.encode(), meta("page.html"))["text"] == paragraph


def test_scrapinghub_page_yields_its_article_and_metadata(corpus: Path) -> None:
    folder = corpus / "extraction" / "scrapinghub-benchmark"
    raw = gzip.decompress((folder / "html" / f"{SCRAPINGHUB_PAGE}.html.gz").read_bytes())
    expected = json.loads((folder / "ground-truth.json").read_text())[SCRAPINGHUB_PAGE]["articleBody"]
    document = clean(raw, meta("wework.html", "text/html; charset=utf-8", len(raw)))
    assert document["format"] == "html"
    assert document["encoding"] == "utf-8"
    assert document["title"] == "New York State Attorney General investigating WeWork and former CEO"
    # The page's byline is the agency "Reuters"; its closing credit names the reporters, its editor left out.
    assert b"Reuters" in raw
    assert document["author"] == "Greg Roumeliotis; Joshua Franklin; Koh Gui Qing; Herb Lash; Megan Davies"
    # The page's JSON-LD stamp (`2019-11-19T07:03:25Z`) in the zone of its visible "November 18, 2019 11:03 PM":
    # the same moment, on the day the page shows.
    assert document["published_at"] == "2019-11-18T23:03:25-08:00"
    assert document.get("modified_at") == "2019-11-19T16:43:09+00:00"
    assert document["site"] == "VentureBeat"
    assert document["url"] == f"https://venturebeat.com/2019/11/18/{SCRAPINGHUB_SLUG}/"
    assert document["text"].startswith(expected[:80])
    assert "<" not in document["text"]


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        (
            "000_9b0cd5e21b7b472a.txt",
            "North Korea's state security minister to attend high-level meeting in Russia, KCNA says",
        ),
        ("003_81b8b7aa3d094d4d.txt", "North Korea doubles down on support for Russia's war in Ukraine"),
    ],
)
def test_seed_pages_lose_their_chrome(corpus: Path, name: str, headline: str) -> None:
    raw = (corpus / "seeds" / name).read_bytes()
    document = clean(raw, meta(name, "text/plain", len(raw)))
    lines = document["text"].split("\n")
    assert document["format"] == "text"
    assert document["encoding"] == "utf-8"
    assert lines[0] == headline
    assert lines[-1]
    assert not {line.casefold() for line in lines} & PAGE_CHROME
    assert lines.count(RELATED_MARKER) == 1
    assert "\n\n\n" not in document["text"]
    assert "–" in document["text"]


STORY = (
    "Rescue workers searched the rubble of a collapsed building in Kyiv for survivors on Monday, "
    "officials said, after a night of missile strikes across the capital."
)


@pytest.mark.parametrize(
    "text",
    [
        f"DU PONT <DD> WINS SUIT AGAINST PHILLIPS <P>\nWILMINGTON, Del., Feb 26 -\n{STORY}",
        f"<P> SAYS IT WILL BUY <DD> STAKE\n{STORY}",
        f"Kyiv <body count rises> as {STORY}\n<p>",
    ],
)
def test_wire_story_with_stray_tags_is_text(text: str) -> None:
    document = clean(text.encode(), meta("story.txt"))
    assert document["format"] == "text"
    assert document["text"] == text


@pytest.mark.parametrize(
    "page",
    [
        f'<div class="story"><h1>Kyiv rescue</h1><p>{STORY}</p></div>',
        f"<p>{STORY}</p>\n<p>{STORY}</p>",
        f"<style>{'p { margin: 0 } ' * 1000}</style>\n<p>{STORY}</p>",
        f'<?xml version="1.0"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p>{STORY}</p>'
        "</body></html>",
        f"<!-- {'padding ' * 100_000} -->\n<!DOCTYPE html><html><head><title>Kyiv</title></head><body><p>{STORY}</p>"
        "</body></html>",
    ],
)
def test_html_without_a_header_is_recognised_by_its_markup(page: str) -> None:
    document = clean(page.encode(), meta(None))
    assert document["format"] == "html"
    assert STORY in document["text"]
    assert "<" not in document["text"]


def test_gzipped_page_is_read_as_the_page(corpus: Path) -> None:
    gzipped = (corpus / "extraction" / "scrapinghub-benchmark" / "html" / f"{SCRAPINGHUB_PAGE}.html.gz").read_bytes()
    document = clean(gzipped, meta("wework.html.gz", None, len(gzipped)))
    plain = clean(gzip.decompress(gzipped), meta("wework.html", None))
    assert document["format"] == "html"
    assert document["title"] == "New York State Attorney General investigating WeWork and former CEO"
    assert document["text"] == plain["text"]
    assert document["filename"] == "wework.html.gz"


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    limit = 2**20
    bomb = gzip.compress(b" " * (64 * limit), 9)
    tracemalloc.start()
    try:
        with pytest.raises(RejectedInput) as rejected:
            clean(bomb, meta("bomb.txt.gz"), max_bytes=limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rejected.value.reason == "too large: gzip expands beyond 1,048,576 bytes"
    assert peak < 4 * limit


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (gzip.compress(STORY.encode())[:-12], "binary file: damaged gzip archive"),
        (b"\x1f\x8b\x08" + b"not deflate data" * 4, "binary file: damaged gzip archive"),
        (gzip.compress(gzip.compress(gzip.compress(gzip.compress(STORY.encode())))),
         "binary file: gzip archive nested more than 3 deep"),
    ],
)  # fmt: skip
def test_broken_or_deeply_nested_gzip_is_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput) as rejected:
        clean(raw, meta("story.txt.gz"))
    assert rejected.value.reason.startswith(reason)


def test_gzip_inside_gzip_is_read_as_the_story() -> None:
    # A .gz file a server sent compressed again; each layer is inflated within the size limit.
    assert clean(gzip.compress(gzip.compress(STORY.encode())), meta("story.txt.gz"))["text"] == STORY
    with pytest.raises(RejectedInput, match="too large: gzip expands beyond 1,000 bytes"):
        clean(gzip.compress(gzip.compress(b" " * 2000)), meta("bomb.txt.gz"), max_bytes=1000)


def test_base64_wrapped_over_lines_is_data_not_text() -> None:
    # MIME wraps base64 at 76 characters a line: no word reached the 200 characters that mark pasted data, and a
    # story sent encoded came out as an article of base64.
    encoded = base64.encodebytes(STORY.encode() * 3).decode()
    with pytest.raises(RejectedInput, match="no text: only base64 or hex data"):
        clean(encoded.encode(), meta())
    pasted = f"{STORY}\n{encoded}\n{STORY.upper()}"
    assert clean(pasted.encode(), meta())["text"] == f"{STORY}\n\n{STORY.upper()}"
    hashes = "\n".join(hashlib.sha256(bytes([n])).hexdigest() for n in range(4))  # a security story's indicators
    listed = f"{STORY}\nThe files had these SHA-256 hashes:\n{hashes}\nReuters"
    assert clean(listed.encode(), meta())["text"] == listed


def test_a_frameset_page_gives_the_body_of_its_noframes() -> None:
    # libxml2 reads <noframes> as raw text: the page's markup came out as its article.
    body = f"<body><h1>Rescue in Kyiv</h1><p>{STORY}</p><p>{STORY}</p></body>"
    page = f"<html><head><title>Kyiv</title></head><frameset><frame src='a.html'></frameset><noframes>{body}</noframes>"
    document = clean(page.encode(), meta("page.html"))
    assert STORY in document["text"]
    assert "<" not in document["text"]


def test_file_over_the_size_limit_is_refused_at_once() -> None:
    with pytest.raises(RejectedInput) as rejected:
        clean(b"word " * 400, meta(), max_bytes=1000)
    assert rejected.value.reason == "too large: 2,000 bytes, limit 1,000"


def test_default_size_limit_is_the_settings_one() -> None:
    with pytest.raises(RejectedInput) as rejected:
        clean(b"w" * (MAX_FILE_BYTES + 1), meta())
    assert rejected.value.reason == "too large: 33,554,433 bytes, limit 33,554,432"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"word " * 250_001, "too long: 1,000,004 characters of text besides whitespace, limit 1,000,000"),
        ("é word\n".encode() * 100_001, "too long: 100,002 lines of text, limit 100,000"),
    ],
)
def test_text_beyond_any_article_is_too_long(raw: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput) as rejected:
        clean(raw, meta())
    assert rejected.value.reason == reason


def test_aggregator_page_of_ten_thousand_items_passes() -> None:
    items = [f"Outlet {index} - {STORY[:49]}" for index in range(10_000)]
    raw = "\n".join(items).encode()
    assert len(raw) > 600_000
    assert clean(raw, meta())["text"].split("\n") == items


def test_whitespace_floods_collapse_to_the_story() -> None:
    raw = b"\n" * (8 * 2**20) + f"Caf\u00e9 {STORY}".encode() + b" \t" * 2**20 + b"\n\n\n" + STORY.encode()
    assert clean(raw, meta())["text"] == f"Caf\u00e9 {STORY}\n\n{STORY}"


def test_word_of_five_thousand_characters_is_kept_whole_and_passes_every_stage() -> None:
    word = "ø" * 5000  # not base64 or hex, which would be data pasted into the text (see above)
    text = f"Kyiv rescue goes on\n{STORY} {word} {STORY}"
    document = clean(text.encode(), meta())
    assert document["text"] == text
    [article] = split(document)
    assert word in article["body"]
    assert sketch(article["body"]).shingles > 0
    enriched = tag(article)
    assert enriched["language"] == "en"
    assert enriched["body"] == article["body"]


def test_html_page_over_the_tag_limit_is_refused_before_parsing() -> None:
    raw = b"<!DOCTYPE html><html><body>" + b"<b>x</b>" * (MAX_HTML_TAGS // 2) + b"</body></html>"
    with pytest.raises(RejectedInput) as rejected:
        clean(raw, meta("page.html"))
    assert rejected.value.reason == f"too large: HTML page with {MAX_HTML_TAGS + 5:,} tags, limit {MAX_HTML_TAGS:,}"


def test_page_with_more_tags_than_trafilatura_is_given_is_extracted_by_resiliparse() -> None:
    items = MAX_THOROUGH_TAGS // 4 + 1
    paragraphs = "".join(f"<p>Paragraph {index} of the <b>live</b> <i>report</i>.</p>" for index in range(items))
    page = f"<!DOCTYPE html><html><body><article>{paragraphs}</article></body></html>"
    assert page.count("<") > MAX_THOROUGH_TAGS
    lines = clean(page.encode(), meta("live.html"))["text"].split("\n")
    assert lines[0] == "Paragraph 0 of the live report."
    assert lines[-1] == f"Paragraph {items - 1} of the live report."


@pytest.mark.parametrize("closed", [True, False])
def test_story_nested_ten_thousand_divs_deep_is_extracted(closed: bool) -> None:
    page = "<html><body>" + "<div>" * 10_000 + f"<p>{STORY}</p>" + ("</div>" * 10_000 + "</body></html>") * closed
    document = clean(page.encode(), meta(None))
    assert document["format"] == "html"
    assert document["text"] == STORY


def test_page_of_only_scripts_and_styles_has_no_article() -> None:
    page = "<html><head><style>body { color: red }</style></head><body>" + "<script>var x = 1;</script>" * 500
    with pytest.raises(RejectedInput, match="HTML page has no extractable article text"):
        clean(f"{page}</body></html>".encode(), meta("page.html"))


def test_unclosed_tags_still_give_the_story() -> None:
    page = f"<html><body><div><p>{STORY}<p><b><i>{STORY}"
    assert clean(page.encode(), meta("page.html"))["text"] == f"{STORY}\n{STORY}"


def test_page_padded_with_a_huge_comment_gives_its_article(corpus: Path) -> None:
    raw = gzip.decompress(
        (corpus / "extraction" / "scrapinghub-benchmark" / "html" / f"{SCRAPINGHUB_PAGE}.html.gz").read_bytes()
    )
    head, body, tail = raw.partition(b"<body")
    padded = head + b"<!-- " + b"padding " * (3 * 2**17) + b" -->" + body + tail
    assert len(padded) > 3 * 2**20
    assert clean(padded, meta(None))["text"] == clean(raw, meta(None))["text"]


def test_control_characters_are_dropped() -> None:
    raw = f"{STORY}\x01 And then\x1b the power\x7f went out.".encode()
    assert clean(raw, meta())["text"] == f"{STORY} And then the power went out."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("救助隊は月曜日、キーウで倒壊した建物のがれきの中から生存者を捜索したと当局者が語った。", "shift_jis"),
        ("救援人员周一在基辅一栋倒塌建筑的废墟中搜寻幸存者。官员表示。", "gb18030"),
        ("구조대원들은 월요일 키이우에서 무너진 건물 잔해 속에서 생존자를 수색했다고 밝혔다.", "euc_kr"),
        ("قال مسؤولون إن عمال الإنقاذ بحثوا بين الأنقاض عن ناجين يوم الاثنين في كييف.", "cp1256"),
        ("עובדי הצלה חיפשו ניצולים בין ההריסות ביום שני בקייב, כך אמרו גורמים רשמיים.", "cp1255"),
        ("Спасатели в понедельник искали выживших под завалами здания в Киеве.", "cp1251"),
        ("Grüße aus Köln: café crème, naïve façade, Ærø and Señor Muñoz.", "latin-1"),
    ],
)
def test_legacy_encodings_of_other_scripts_are_decoded(text: str, encoding: str) -> None:
    raw = text.encode(encoding)
    document = clean(raw, meta())
    assert document["text"] == text
    assert text.encode(document["encoding"]) == raw


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize(
    "text",
    [
        "救助隊は月曜日、キーウで倒壊した建物のがれきの中から生存者を捜索したと当局者が語った。",
        "救援人员周一在基辅一栋倒塌建筑的废墟中搜寻幸存者。官员表示。",
        "قال مسؤولون إن عمال الإنقاذ بحثوا بين الأنقاض عن ناجين يوم الاثنين في كييف.",
        "עובדי הצלה חיפשו ניצולים בין ההריסות ביום שני בקייב, כך אמרו גורמים רשמיים.",
    ],
)
def test_unicode_of_other_scripts_without_byte_order_mark_is_decoded(text: str, encoding: str) -> None:
    document = clean(text.encode(encoding), meta())
    assert document["text"] == text
    assert document["encoding"] == encoding


def test_control_bytes_that_a_detector_would_read_as_utf16_are_binary() -> None:
    with pytest.raises(RejectedInput, match="binary file: too many control characters"):
        clean(bytes(range(1, 9)) * 400 + b"news", meta())


def test_a_wire_storys_closing_credit_names_its_reporters() -> None:
    story = (
        "Indonesia holds rates\n\nJAKARTA, March 20 (Reuters) - Indonesia's central bank kept its benchmark rate "
        "unchanged on Wednesday, as expected, to support the rupiah.\n\n(Reporting by Stefanno Sulaiman and Gayatri "
        "Suroyo; Writing by Martin Petty; Editing by Kanupriya Kapoor)\n"
    )
    assert clean(story.encode(), meta("story.txt"))["author"] == "Stefanno Sulaiman; Gayatri Suroyo"
    wrapped = "Freddie Mac sells notes\n\nThe notes were bought\nby Federal Home Loan Mortgage Corp, the agency said.\n"
    assert clean(wrapped.encode(), meta("story.txt"))["author"] is None
    reporters = "Stefanno Sulaiman in Jakarta, with reporting by Gayatri Suroyo in Kuala Lumpur, editing by Ed Davies;"
    places = story.replace("Stefanno Sulaiman and Gayatri Suroyo;", reporters)
    assert clean(places.encode(), meta("story.txt"))["author"] == "Stefanno Sulaiman; Gayatri Suroyo"
