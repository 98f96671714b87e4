"""Problems with typed text itself, found before it is marked right or wrong.

An answer too long or empty, a word mixing Cyrillic and Latin look-alike letters, English
typed on the Russian keyboard layout, or no English at all: each is an `InputProblem`
that the views turn into a message, so a layout slip is never marked plain wrong. Pure
functions on strings, on top of `normalise`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .normalise import clean, words

MAX_ANSWER_LENGTH = 2000

_RU_LAYOUT = "йцукенгшщзхъфывапролджэячсмитьбю.ё"
_EN_LAYOUT = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`"
_LAYOUT_TO_LATIN = {ru: en for ru, en in zip(_RU_LAYOUT, _EN_LAYOUT)}
_LAYOUT_TO_LATIN.update({ru.upper(): en.upper() for ru, en in zip(_RU_LAYOUT, _EN_LAYOUT) if ru.isalpha()})

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
        # Not the key, but still English: the learner meant English and only the layout is
        # wrong, which "needs an answer in English" would not tell them.
        if looks_english(latin):
            return InputProblem("wrong_layout", latin.strip())
        return InputProblem("not_english")
    return InputProblem("lookalike", next(w for w in text.split() if _CYRILLIC.search(w)))


def language_problem(text: str, lang: str) -> InputProblem | None:
    """Why a free text is not in the language its task asks for, or None.

    A task in Russian refuses only a text with no Cyrillic letter at all: a справка may
    quote an English term (IOM, "asylum-seeker"). A task in English never refuses Russian
    (a text may quote a Russian term, and tasks written before `answer_lang` existed ask
    for translations into Russian); only English typed on the Russian layout is named
    (`wrong_layout`), which genuine Russian never looks like (`looks_english`).
    """
    cyrillic, latin = _CYRILLIC.search(text), _LATIN.search(text)
    if lang == "ru":
        return InputProblem("not_russian") if latin and not cyrillic else None
    if cyrillic and not latin:
        remapped = from_russian_layout(text)
        return InputProblem("wrong_layout", remapped.strip()) if looks_english(remapped) else None
    return None


# Letter patterns that are (almost) absent from English words but frequent when Russian is
# typed on the English layout, where the Russian vowels а е и о ы я become f t b j s z:
# "ра" -> hf, "ст" -> cn, "ов" -> jd, "ий" -> bq, "го" -> uj, "на" -> yf. Checked against the
# course's own words: every Russian phrase of two or more words in the data fails, and of
# its 2,300 English words only abbreviations (OHCHR, NGO) and one-letter words fail.
_NOT_ENGLISH = re.compile(
    r"q(?!u)|j(?![aeiou])|[^aeioudbn]j|uj|yy|uu|yf|f[bcdghjkmnpqvwxz]|x[bdfgjkmnqrvwxz]"
    r"|v[bcdfghjkmnpqstvwxz]|hf|hv|hz|hx|cn|fn|kt|km|tk|dt|tv|bz|kb|pf|wb|cz|uh|bh|dk|bk|bp|gb"
    r"|cf|cb|cv|bf|tq|tx|zv|zk"
    r"|[^aeioumlrb]b$|[^aeioulrf]f$|[^aeiouzt]z$"  # English ends -mb, -lf, -tz, not -nb, -nf, -nz
)
# The consonants an English word can begin with (before its first vowel); a Russian word
# typed on the English layout often begins "ht", "yt", "lh" (ре, не, др).
_ONSETS = frozenset(
    "b c d f g h j k l m n p q r s t v w x y z bl br ch chr cl cr dr dw fl fr gh gl gn gr kl kn kr "
    "ph phr pl pr ps pt rh sc sch scr sh shr sk sl sm sn sp sph spl spr sq squ st str sw th thr tr "
    "tw wh wr".split()
) | {""}


def _english_word(word: str) -> bool:
    """Whether a word could be English: letters (and apostrophes) only, a vowel, an English
    beginning, no letter pair from _NOT_ENGLISH and no five consonants in a row."""
    word = word.strip("\"()").rstrip(".,!?;:")
    if not re.fullmatch(r"[a-z]+(?:'[a-z]+)*", word):
        return False  # Russian б ж х ъ э ю ё become , ; [ ] ' . ` on the English layout
    if len(word) == 1:
        return word in "ai"
    if not re.search("[aeiou]", word) and not (len(word) <= 3 and "y" in word[1:]):  # by, my, why
        return False
    if _NOT_ENGLISH.search(word) or re.search(r"[^aeiouy]{5,}", word):
        return False
    onset = re.match(r"y?[^aeiouy]*", word)
    return onset is not None and onset.group() in _ONSETS


def looks_english(text: str) -> bool:
    """A cheap, documented test that text re-mapped from the Russian layout reads as English.

    At least four words in five (all of them, in a short answer) must pass `_english_word`.
    "чутщзрщишф" -> "xenophobia" passes; "мигранты" -> "vbuhfyns", "развитие" -> "hfpdbnbt"
    and "беженец" -> ",tutytw" do not. A short Russian word can still slip through ("суд" ->
    "cel"); the learner then sees its English-layout letters, which also tells them what to fix.
    """
    tokens = [token for token in text.lower().split() if re.search("[a-z]", token)]
    if not tokens:
        return False
    return sum(_english_word(token) for token in tokens) * 5 >= len(tokens) * 4
