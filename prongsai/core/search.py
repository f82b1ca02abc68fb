"""Thai word segmentation for search (docs/adr/0003-thai-search.md).

Thai has no spaces between words, and neither PostgreSQL's text search parser nor SQLite's FTS5
tokenizer can find word boundaries in it. So the text we index and the words we search for both
pass through PyThaiNLP here, and reach the database backend as words separated by spaces.

Both sides are normalised the same way: Thai digits become Arabic digits, misordered or doubled
vowel and tone marks are repaired, and anything that is not a letter, mark or digit (punctuation,
symbols, emoji, HTML left-overs) separates words. The query side therefore never hands the
backend a character its query syntax could choke on.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from wagtail.rich_text import get_text_for_indexing

from .thai import to_arabic_digits

ENGINE = "newmm"
# Longest query we segment; longer ones are refused by the search page before reaching here.
QUERY_MAX_LENGTH = 200
# A compound word is also indexed as its dictionary parts (เทศบาลตำบล -> เทศบาล ตำบล), so that a
# search for ตำบลแม่สาย finds เทศบาลตำบลแม่สาย. Parts shorter than this are too ambiguous to help.
_PART_MIN_LENGTH = 2
_COMPOUND_MIN_LENGTH = 2 * _PART_MIN_LENGTH
_THAI_FIRST, _THAI_LAST = "\u0e00", "\u0e7f"


def _is_word_character(character: str) -> bool:
    return unicodedata.category(character)[0] in "LMN"


def _clean(text: str) -> str:
    """Digits made Arabic, Thai marks repaired, every non-word character made a space."""
    from pythainlp.util import normalize

    text = normalize(to_arabic_digits(text))
    return "".join(character if _is_word_character(character) else " " for character in text)


def _segment(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    cleaned = _clean(text)
    if not cleaned.strip():
        return []
    words = word_tokenize(cleaned, engine=ENGINE, keep_whitespace=False)
    return [word.lower() for word in words if word.strip()]


def _is_thai(word: str) -> bool:
    return any(_THAI_FIRST <= character <= _THAI_LAST for character in word)


@lru_cache(maxsize=4096)
def _parts(word: str) -> tuple[str, ...]:
    """The fewest dictionary words of two letters or more that make up `word`, if there are two or more."""
    if len(word) < _COMPOUND_MIN_LENGTH or not _is_thai(word):
        return ()
    from pythainlp.tokenize import word_dict_trie

    trie = word_dict_trie()
    # best[i]: the fewest parts covering word[:i], or None when word[:i] cannot be covered.
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for start in range(len(word)):
        covered = best[start]
        if covered is None:
            continue
        for prefix in trie.prefixes(word[start:]):
            end = start + len(prefix)
            if len(prefix) < _PART_MIN_LENGTH or prefix == word:
                continue
            candidate = (*covered, prefix)
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    found = best[len(word)]
    return found if found is not None and len(found) > 1 else ()


def _text_of(value: object) -> str:
    """Plain text of a string, rich text (HTML) or StreamField value."""
    if value is None:
        return ""
    searchable = getattr(value, "stream_block", None)
    if searchable is not None:
        # A StreamValue: its blocks know which of their parts are text (rich text is stripped of HTML).
        return " ".join(str(piece) for piece in searchable.get_searchable_content(value))
    source = getattr(value, "source", value)  # wagtail.rich_text.RichText
    return get_text_for_indexing(str(source))


def thai_search_text(*texts: object) -> str:
    """The words of `texts` separated by single spaces, for a search index field.

    Each text may be a string, rich text HTML or a StreamField value; markup is dropped. Thai
    compound words are followed by their dictionary parts, so the index holds both. Deterministic:
    the same texts always give the same string.
    """
    words: list[str] = []
    for value in texts:
        for word in _segment(_text_of(value)):
            words.append(word)
            words.extend(_parts(word))
    return " ".join(words)


def thai_search_query(q: str) -> str:
    """The words of a visitor's query, separated by single spaces ("" when nothing searchable is left).

    The result holds only letters, marks, digits and spaces, so any backend can take it as plain
    text. Each distinct word appears once, in the order typed. Call it on at most
    QUERY_MAX_LENGTH characters; longer input is cut there.
    """
    seen: dict[str, None] = {}
    for word in _segment(q[:QUERY_MAX_LENGTH]):
        seen.setdefault(word, None)
    return " ".join(seen)
