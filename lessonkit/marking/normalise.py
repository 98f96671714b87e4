"""Text normalisation for typed answers: when two spellings are the same answer, and
whether a key term occurs in a typed answer.

Pure functions on strings. Both the key and the learner's answer go through the same
`canonical` form, so a spelling variant is equal whichever side it is on. Problems with
the typed text itself (keyboard layout, look-alike letters) are found in `input_checks`.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"',
    }
)
# The soft hyphen is not here: it is invisible and only marks where a word may break.
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
# Invisible characters that pasted text (PDFs, web pages, Word) carries inside words: zero-width
# space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen. They must not split a word.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
# Hyphens count as edge punctuation too: "resettlement. -" is the word with a stray mark after it.
_EDGE_PUNCTUATION = " .,;:!?\"'()[]-"

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
# The -our words keep their spelling difference through endings (laboured, labourers,
# neighbouring, honourable), so those endings are mapped with the stem.
_OUR_ENDINGS = re.compile(r"^(\w+our)(s|ed|ing|er|ers|ite|ites|able|ably|hood|hoods)$")
# -ise/-ize and -yse/-yze families (organisation, minimise, analyse). Applied to both
# sides, so a word that merely ends in "-ise" (otherwise) changes on both and stays equal.
_ISE = re.compile(r"\b(\w{3,}?)(is|ys)(e|es|ed|ing|er|ers|ation|ations|able)\b")
# Letters-only runs: the unit the spelling pairs apply to, whatever punctuation is around
# them ("labour,", "(labour)", "labour-market").
_LETTERS = re.compile(r"[^\W\d_]+")

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters and soft hyphens, which would otherwise cut a word in two."""
    return _INVISIBLE.sub("", text)


def clean(text: str) -> str:
    """Unicode-normalise, unify quotes and dashes, drop control characters, squeeze spaces."""
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = text.translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def _american(word: str) -> str:
    if word in _SPELLING_PAIRS:
        return _SPELLING_PAIRS[word]
    match = _OUR_ENDINGS.match(word)
    if match and match.group(1) in _SPELLING_PAIRS:
        return _SPELLING_PAIRS[match.group(1)] + match.group(2)
    return word


def canonical(text: str) -> str:
    """The form in which two answers are compared: case, spelling, hyphens, final punctuation."""
    text = clean(text).casefold().strip(_EDGE_PUNCTUATION)
    text = re.sub(r"\s*-\s*", "-", text)
    text = _LETTERS.sub(lambda m: _american(m.group()), text)
    text = _ISE.sub(lambda m: m.group(1) + ("iz" if m.group(2) == "is" else "yz") + m.group(3), text)
    return text


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-]", "", text)


def compact(text: str) -> str:
    """Canonical form without spaces and hyphens: pre-departure = pre departure = predeparture.

    Idempotent. Dropping the spaces can expose new edge punctuation ("resettlement. -"
    becomes "resettlement.") or join a word that a space had split ("organis ation"), so
    the canonical form is taken again until nothing changes. Every step only shortens the
    text or maps British to American spelling (never back), so this ends in a few rounds.
    """
    result = _squeeze(canonical(text))
    for _ in range(10):
        again = _squeeze(canonical(result))
        if again == result:
            break
        result = again
    return result


def same_answer(given: str, expected: str) -> bool:
    return compact(given) == compact(expected) != ""


def words(text: str) -> list[str]:
    return _WORD.findall(canonical(text).replace("-", " "))


# Function words have no regular inflections, and inflecting them makes nonsense matches
# ("the" + -ing = "thing").
_UNINFLECTED = frozenset(
    "the and but nor for yet not its our his her their this that these those with from into onto "
    "than then can may might must will would shall should could was were are has had have been".split()
)
_VOWELS = "aeiou"


def inflections(word: str) -> set[str]:
    """The regular inflected forms of an English word, the word included.

    Only inflections (-s, -es, -ies, -ed, -d, -ied, -ing, and crisis -> crises), never
    derivations (-er, -ion, -ment): "imply" gives implies, implied, implying. The final
    consonant is doubled as well as kept (stopped, travelled; offered), since the stress
    that decides it is unknown here; a form that is not a word simply never occurs.
    """
    if len(word) < 3 or not word.isalpha() or word in _UNINFLECTED:
        return {word}
    forms = {word}
    consonant_y = word.endswith("y") and word[-2] not in _VOWELS
    if consonant_y:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith("ie"):
        forms |= {word + "s", word + "d", word[:-2] + "ying"}
    elif word.endswith("e"):
        forms |= {word + "s", word + "d", word + "ing"}
        if not word.endswith(("ee", "ye", "oe")):
            forms.add(word[:-1] + "ing")  # make -> making, but agree -> agreeing
    else:
        if word.endswith(("s", "x", "z", "ch", "sh", "o")):
            forms.add(word + "es")
        if not word.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(word + "s")
        forms |= {word + "ed", word + "ing"}
        # consonant-vowel-consonant ending: stop -> stopped, travel -> travelled
        if word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("is"):
        forms.add(word[:-2] + "es")  # crisis -> crises, analysis -> analyses
    return forms


def contains_term(text: str, term: str) -> bool:
    """True when `term` occurs in `text` as whole words; a trailing * makes it a prefix.

    Each word of the term also matches its regular inflections ("imply" finds "implied",
    "income" finds "incomes"), but not a longer word ("simply", "incompetent"). Spaces and
    hyphens inside the term may be present or absent in the text ("decision making" finds
    "decision-making" and "decisionmaking"), and a hyphenated word in the text is also read
    closed, so the term "antitrafficking" finds "anti-trafficking".
    """
    prefix = term.endswith("*")
    term_words = words(term.rstrip("*"))
    if not term_words:
        return False
    parts = []
    for n, word in enumerate(term_words):
        if prefix and n == len(term_words) - 1:
            parts.append(re.escape(word))
        else:  # longest first, so the alternation takes the whole inflected form
            forms = sorted(inflections(word), key=len, reverse=True)
            parts.append("(?:" + "|".join(re.escape(form) for form in forms) + ")")
    pattern = r"(?<![a-z0-9])" + r"[\s\-]?".join(parts) + ("" if prefix else r"(?![a-z0-9])")
    spaced = " ".join(words(text))
    closed = " ".join(_WORD.findall(canonical(text).replace("-", "")))
    return any(re.search(pattern, haystack) is not None for haystack in (spaced, closed))


def find_term(text: str, term: str) -> str:
    """The words of `text`, as written there, that match `term`; "" when none do.

    Used to turn a key-term stem such as "practi*" into a word a learner can read, taken
    from the model answer ("practices"). The shortest matching run of words wins, so a
    closed or hyphenated compound is not given with its neighbour.
    """
    text = clean(text)
    spans = [m.span() for m in re.finditer(r"[^\W_]+(?:'[^\W_]+)?", text)]
    size = len(words(term.rstrip("*")))
    for length in range(1, size + 1):
        for start in range(len(spans) - length + 1):
            phrase = text[spans[start][0] : spans[start + length - 1][1]]
            if contains_term(phrase, term):
                return phrase
    return ""
