"""Text clean-up shared by every parser: NFC, look-alike letters, whitespace."""

from __future__ import annotations

import re
import unicodedata

# Cyrillic letters that look like Latin ones and occur inside Vietnamese words of the corpus.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "І": "I",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
# "Iượng": a capital I typed for a lower-case l; no Vietnamese syllable starts with "iư".
_CAPITAL_I_FOR_L = re.compile(r"\bI(?=ư)")


def clean_line(text: str) -> str:
    """NFC-normalise one line, map Cyrillic look-alikes to Latin and collapse spaces."""
    text = unicodedata.normalize("NFC", text).translate(_HOMOGLYPHS)
    text = _CAPITAL_I_FOR_L.sub("l", text)
    return _SPACES.sub(" ", text).strip()


def clean_lines(text: str) -> list[str]:
    """Split on line breaks and clean each line, dropping the empty ones."""
    return [line for line in (clean_line(part) for part in text.splitlines()) if line]


def sentence_case(text: str) -> str:
    """Turn an all-capitals heading into sentence case; leave mixed-case text alone."""
    if text != text.upper():
        return text
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


def word_count(text: str) -> int:
    """Whitespace tokens: close to Vietnamese syllables, used as the token measure."""
    return len(text.split())
