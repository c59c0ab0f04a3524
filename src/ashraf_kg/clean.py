"""Cleaning: from a document as received to the article body every offset refers to.

Web pages saved as text start with the site's chrome ("NEW! Get email alerts…",
"- Website", "- RSS"); the body is everything from the first line that is not chrome.
"""

from __future__ import annotations

import re
import unicodedata

# Lines a site prints around an article, never part of it.
_CHROME_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"^-?$",                                   # a lone list bullet
    r"^-\s+(website|rss|twitter|facebook|email|share|print|follow|home)\b.*$",
    r"^NEW!\s+Get email alerts\b.*$",
    r".*\bManage alert preferences\b.*$",
    r"^(share|follow|subscribe)( (this|on|us).*)?$",
    r"^advertisement$",
))


# Typographic quotes, dashes and no-break spaces, each folded to one ASCII character.
_FOLD = (("\u2018", "'"), ("\u2019", "'"), ("\u201b", "'"), ("\u2032", "'"),
         ("\u201c", '"'), ("\u201d", '"'), ("\u201f", '"'), ("\u2033", '"'),
         ("\u2013", "-"), ("\u2014", "-"), ("\u2012", "-"), ("\u2212", "-"),
         ("\u00a0", " "))


def fold(text: str) -> str:
    """Fold typographic quotes, dashes and no-break spaces to ASCII, one char for one.

    The length never changes, so an offset found in folded text is an offset in the text.
    """
    # Extraction folds whole documents hundreds of times: replacing the few characters a
    # text holds is forty times faster than str.translate, which looks up every character.
    if text.isascii():
        return text
    for typographic, plain in _FOLD:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def is_chrome_line(line: str) -> bool:
    """True when ``line`` is page chrome (navigation, alert offers, share buttons)."""
    stripped = line.strip()
    return any(p.match(stripped) for p in _CHROME_PATTERNS)


def clean_text(source: str) -> str:
    """Return the article body of a plain-text document as received.

    Normalises line ends and Unicode (NFC), drops a byte-order mark, leading page
    chrome and trailing spaces, collapses runs of blank lines and ends with one
    newline. Quotes, dashes and every other character are kept as they are.

    >>> clean_text("-\\n- RSS\\nTitle\\nBody.  \\n")
    'Title\\nBody.\\n'
    """
    text = unicodedata.normalize("NFC", source.lstrip("\ufeff"))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    start = 0
    while start < len(lines) and is_chrome_line(lines[start]):
        start += 1
    body = "\n".join(lines[start:]).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body)
    return body + "\n" if body else ""
