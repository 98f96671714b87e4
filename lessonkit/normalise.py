"""Text normalisation for typed answers, and detection of keyboard-layout slips.

Pure functions on strings. Both the key and the learner's answer go through the same
`canonical` form, so a spelling variant is equal whichever side it is on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

MAX_ANSWER_LENGTH = 2000

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"',
    }
)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .,;:!?\"'()[]"

# British spelling -> American, applied to whole words on both sides of a comparison.
_SPELLING_PAIRS = {
    "labour": "labor", "labours": "labors", "centre": "center", "centres": "centers",
    "programme": "program", "programmes": "programs", "metre": "meter", "theatre": "theater",
    "neighbour": "neighbor", "neighbours": "neighbors", "behaviour": "behavior",
    "favour": "favor", "honour": "honor", "colour": "color", "endeavour": "endeavor",
    "defence": "defense", "licence": "license", "offence": "offense", "offences": "offenses",
    "travelled": "traveled", "travelling": "traveling", "counselling": "counseling",
    "modelling": "modeling", "labelled": "labeled", "catalogue": "catalog", "dialogue": "dialog",
    "ageing": "aging", "judgement": "judgment", "sectorial": "sectoral",
}
# -ise/-ize and -yse/-yze families (organisation, minimise, analyse). Applied to both
# sides, so a word that merely ends in "-ise" (otherwise) changes on both and stays equal.
_ISE = re.compile(r"\b(\w{3,}?)(is|ys)(e|es|ed|ing|er|ers|ation|ations|able)\b")

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def clean(text: str) -> str:
    """Unicode-normalise, unify quotes and dashes, drop control characters, squeeze spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = text.translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def canonical(text: str) -> str:
    """The form in which two answers are compared: case, spelling, hyphens, final punctuation."""
    text = clean(text).casefold().strip(_EDGE_PUNCTUATION)
    text = re.sub(r"\s*-\s*", "-", text)
    words = [_SPELLING_PAIRS.get(word, word) for word in text.split(" ")]
    text = " ".join(words)
    text = _ISE.sub(lambda m: m.group(1) + ("iz" if m.group(2) == "is" else "yz") + m.group(3), text)
    return text


def compact(text: str) -> str:
    """Canonical form without spaces and hyphens: pre-departure = pre departure = predeparture."""
    return re.sub(r"[\s\-]", "", canonical(text))


def same_answer(given: str, expected: str) -> bool:
    return compact(given) == compact(expected) != ""


def words(text: str) -> list[str]:
    return _WORD.findall(canonical(text).replace("-", " "))


def contains_term(text: str, term: str) -> bool:
    """True when `term` occurs in `text` as whole words; a trailing * makes it a prefix.

    Spaces and hyphens inside the term may be present or absent in the text.
    """
    prefix = term.endswith("*")
    term_words = words(term.rstrip("*"))
    if not term_words:
        return False
    pattern = r"[\s\-]?".join(re.escape(w) for w in term_words)
    pattern = r"(?<![a-z0-9])" + pattern + ("" if prefix else r"(?![a-z0-9])")
    haystack = " ".join(words(text))
    return re.search(pattern, haystack) is not None


# --- keyboard layout and look-alike letters ------------------------------------------------

_RU_LAYOUT = "йцукенгшщзхъфывапролджэячсмитьбю.ё"
_EN_LAYOUT = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`"
_LAYOUT_TO_LATIN = {ru: en for ru, en in zip(_RU_LAYOUT, _EN_LAYOUT)}
_LAYOUT_TO_LATIN.update({ru.upper(): en.upper() for ru, en in zip(_RU_LAYOUT, _EN_LAYOUT) if ru.isalpha()})

_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
}

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class InputProblem:
    """Something about the typed text itself, said before right or wrong."""

    code: str  # message key in lessonkit.i18n
    detail: str = ""


def from_russian_layout(text: str) -> str:
    """What the keys would have typed on an English layout."""
    return "".join(_LAYOUT_TO_LATIN.get(ch, ch) for ch in text)


def replace_lookalikes(text: str) -> str:
    return "".join(_LOOKALIKES.get(ch, ch) for ch in text)


def input_problem(text: str, expect_english: bool = True, vocabulary: Iterable[str] = ()) -> InputProblem | None:
    """Why the typed text cannot be read as an English answer, or None when it can.

    `vocabulary` holds words the answer is likely to use (the key, the model answer): text
    that turns into those words on an English layout was typed with the Russian one.
    """
    if len(text) > MAX_ANSWER_LENGTH:
        return InputProblem("too_long", str(MAX_ANSWER_LENGTH))
    if not clean(text):
        return InputProblem("empty")
    if not expect_english or not _CYRILLIC.search(text):
        return None
    mixed = [w for w in text.split() if _CYRILLIC.search(w) and _LATIN.search(w)]
    if mixed:
        return InputProblem("lookalike", mixed[0])
    if not _LATIN.search(text):
        latin = from_russian_layout(text)
        known = {w for v in vocabulary for w in words(v)}
        typed = words(latin)
        if known and typed and sum(w in known for w in typed) * 2 >= len(typed):
            return InputProblem("wrong_layout", latin.strip())
        if not known and _looks_english(latin):
            return InputProblem("wrong_layout", latin.strip())
        return InputProblem("not_english")
    return InputProblem("lookalike", next(w for w in text.split() if _CYRILLIC.search(w)))


def _looks_english(text: str) -> bool:
    """A cheap test that re-mapped text is made of English-like words: enough vowels and
    no long consonant runs (Russian words re-mapped give strings such as "ujcelfhcndf")."""
    tokens = re.findall(r"[a-z]+", text.lower())
    if not tokens:
        return False

    def english_like(word: str) -> bool:
        vowels = sum(ch in "aeiouy" for ch in word)
        return vowels / len(word) >= 0.2 and not re.search(r"[^aeiouy]{5,}", word)

    return sum(english_like(word) for word in tokens) / len(tokens) >= 0.6
