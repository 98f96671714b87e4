"""Shared sentences: two gap-fill or word-formation items of one lesson built on the same
sentence of the text give each other away (the second shows the word the first asks for).

Two such items are a pair when their sentences, each with its gap filled by its key,
share at least `MIN_SHARED_WORDS` words in a row (case, punctuation, quote styles and
paragraph ids such as "(N-13)" aside), or when they quote the same sentence as evidence:
the same words, or one quote inside the other (the shorter of at least
`MIN_QUOTE_WORDS` words). `shared_sentence_pairs` lists the pairs;
`check_shared_sentences` turns them into one `Problem` each. Pure: records in, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..marking.answers import ANY_WORD
from ..marking.normalise import clean
from .item_model import GAP
from .kinds import kind_of
from .problems import Problem

if TYPE_CHECKING:
    from .model import Lesson

MIN_SHARED_WORDS = 8
MIN_QUOTE_WORDS = 4
_PARAGRAPH_ID = re.compile(r"^[a-z]+-\d{2}$")


@dataclass(frozen=True)
class SentencePair:
    """Two items built on one sentence: (exercise id, item number from 1) each, and why."""

    first: tuple[str, int]
    second: tuple[str, int]
    reason: str

    @property
    def names(self) -> tuple[str, str]:
        return f"{self.first[0]} item {self.first[1]}", f"{self.second[0]} item {self.second[1]}"


def words(text: str) -> list[str]:
    """A text's words, normalised: case, quotes, dashes and punctuation do not count."""
    return [word for word in ANY_WORD.findall(clean(text).casefold()) if not _PARAGRAPH_ID.match(word)]


def filled(item: Any) -> str:
    """A gap item's sentence with the gap filled by its key."""
    return GAP.sub(lambda _m: str(item.answer), str(item.text), count=1)


def longest_shared_run(a: list[str], b: list[str]) -> list[str]:
    """The longest run of words that `a` and `b` both contain, in order and in a row."""
    best, end = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, end = current[j], i
        previous = current
    return a[end - best:end]


def quotes_of(item: Any) -> list[tuple[str, str]]:
    """(paragraph id, normalised words) of every evidence quote of an item."""
    return [(evidence.paragraph, " ".join(words(evidence.quote))) for evidence in item.evidence]


def same_quote(first: list[tuple[str, str]], second: list[tuple[str, str]]) -> tuple[str, str] | None:
    """A quote of `first` that is, or holds, or lies inside a quote of `second` in the same
    paragraph (the shorter of at least MIN_QUOTE_WORDS words): (paragraph, the longer quote)."""
    for pid, a in first:
        for other_pid, b in second:
            if pid != other_pid or not a or not b:
                continue
            shorter, longer = sorted((a, b), key=len)
            if a == b or (len(shorter.split()) >= MIN_QUOTE_WORDS and f" {shorter} " in f" {longer} "):
                return pid, longer
    return None


def _gap_items(lesson: Lesson) -> Iterator[tuple[str, int, Any]]:
    for exercise in lesson.exercises:
        if kind_of(exercise).control == "gap":  # gap fill and word formation: a sentence with a gap
            for n, item in enumerate(exercise.items, start=1):
                yield exercise.id, n, item


def shared_sentence_pairs(lesson: Lesson) -> list[SentencePair]:
    """Every pair of gap-fill or word-formation items of the lesson built on one sentence,
    in the lesson's order."""
    items = list(_gap_items(lesson))
    texts = [words(filled(item)) for _, _, item in items]
    quotes = [quotes_of(item) for _, _, item in items]
    pairs = []
    for i, (first_id, first_n, _) in enumerate(items):
        for j in range(i + 1, len(items)):
            second_id, second_n, _ = items[j]
            run = longest_shared_run(texts[i], texts[j])
            same = same_quote(quotes[i], quotes[j])
            if len(run) >= MIN_SHARED_WORDS:
                reason = f"their sentences share {len(run)} words in a row: “{' '.join(run)}”"
            elif same is not None:
                pid, quote = same
                reason = f"both quote {pid}: “{quote}”"
            else:
                continue
            pairs.append(SentencePair((first_id, first_n), (second_id, second_n), reason))
    return pairs


def check_shared_sentences(lesson: Lesson, name: str) -> list[Problem]:
    """One problem per pair of items built on the same sentence."""
    problems = []
    for pair in shared_sentence_pairs(lesson):
        first, second = pair.names
        problems.append(Problem(name, f"{pair.first[0]}, {pair.second[0]}",
                                f"{first} and {second} are built on the same sentence of the text ({pair.reason})",
                                "build one of them on another sentence"))
    return problems
