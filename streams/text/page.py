"""How page text is laid out for every stage: one spacing convention, and the fixed lines of page chrome.

The aggregator pages newswire was described with carry fixed furniture ("Hashtags", "Comments", ...), and share
buttons, live blogs and advertisements label themselves alike everywhere ("Share", "Key events", "Advertisement"):
clean drops these lines from plain-text pages, split never takes them for a headline. "Related Articles" is kept,
written exactly as `RELATED_MARKER`: it is the split stage's anchor between the lead and the related items.
"""

from __future__ import annotations

import re

RELATED_MARKER = "Related Articles"


PAGE_CHROME: frozenset[str] = frozenset(
    {
        "hashtags",
        "try our ai features",
        "explore what daily8 ai can do for you:",
        "comments",
        "no comments yet...",
        # share buttons, a live blog's filter buttons and an advertisement's label, in the languages we read: never a
        # story's line
        "share",
        "share this story",
        "share this article",
        "share on facebook",
        "share on x",
        "share on twitter",
        "facebook",
        "email",
        "whatsapp",
        "copy link",
        "print",
        "reprints",
        "teilen",
        "drucken",
        "compartir",
        "imprimir",
        "partager",
        "imprimer",
        "condividi",
        "stampa",
        "udostępnij",
        "drukuj",
        "share this",
        "share via email",
        "twitter",
        "linkedin",
        "e-mail",
        "copier le lien",
        "copia link",
        "skopiuj link",
        "deel dit artikel",
        "kopieer link",
        "compartilhe",
        "copiar link",
        "copiar enlace",
        "link kopieren",
        "advertentie",
        "publicidade",
        "save",
        "guardar",
        "speichern",
        "merken",
        # more buttons and links of article pages, as scrapers keep them: save, share, gift, print, text size, comments
        "bookmark",
        "gift this article",
        "reuse this content",
        "print this page",
        "link copied",
        "social sharing",
        "view comments",
        "start a conversation",
        "text size",
        "more info",
        "feedback",
        "terms",
        "privacy dashboard",
        "impressum",
        "datenschutz",
        "artikel teilen",
        "zur merkliste hinzufügen",
        "diskutieren sie mit",
        "comentarios",
        "compartir en facebook",
        "compartir en twitter",
        "compartir en whatsapp",
        "partager sur facebook",
        "partager sur twitter",
        "del",
        "del artiklen",
        "dela",
        "spara",
        "gem",
        "annonse",
        "annons",
        "annonce",
        "kontakt redaktionen",
        # a consent banner's buttons and a site's skip links
        "accept and close",
        "accept all",
        "reject all",
        "manage preferences",
        "aceptar",
        "rechazar",
        "configurar",
        "alle akzeptieren",
        "tout accepter",
        "godta alle",
        "acceptera alla",
        "accepter alle",
        "skip to main content",
        "skip to content",
        "zum inhalt springen",
        "back to top",
        # a site's footer links
        "footer",
        "about us",
        "contact us",
        "privacy policy",
        "terms of use",
        "terms and conditions",
        "cookie settings",
        "key events",
        "show key events only",
        "advertisement",
        "anzeige",
        "werbung",
        "publicidad",
        "publicité",
        "pubblicità",
        "reklama",
    }
)


_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")


_BLANK_RUN = re.compile(r"\n{3,}")


def spaced_out(pattern: re.Pattern[str], text: str) -> str:
    """The text with every match of the pattern written as as many spaces, so that offsets into it still hold."""
    return pattern.sub(lambda found: " " * len(found[0]), text)


def normalise_whitespace(text: str) -> str:
    """Give later stages one spacing convention so line-based rules and hashes are stable."""
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def is_chrome_line(line: str) -> bool:
    """Tell page furniture from story text, matching whole lines regardless of case."""
    return line.strip().casefold() in PAGE_CHROME


def strip_chrome(text: str) -> str:
    """Drop page furniture but keep one canonical related-articles marker for the split stage."""
    kept: list[str] = []
    for line in text.split("\n"):
        if is_chrome_line(line):
            continue
        kept.append(RELATED_MARKER if line.casefold() == RELATED_MARKER.casefold() else line)
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip("\n")
