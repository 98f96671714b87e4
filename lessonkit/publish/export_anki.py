"""`lessonkit export anki OUT`: the course's glossaries as one Anki package (.apkg).

One sub-deck per text ("<course title>::<text title>"), one note per glossary entry and
two cards per note: English → Russian and Russian → English. The cards show the
sentence of the text with the term in bold, the text and paragraph it comes from, the
contextual Russian translation, the handout's translation where it says something else,
and the teacher's note.

Re-importing a newer package must update a learner's cards, not add a second copy, and
keep their review history: Anki matches notes by GUID, so a note's GUID depends only on
its text id and term, and the note type and deck ids are fixed hashes (never Python's
`hash()`, which changes from one process to the next). Note and card ids are counted from
a fixed start, so two builds of the same data write the same database; only the
modification time differs, and `timestamp` (or SOURCE_DATE_EPOCH) pins that too.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from html import escape
from pathlib import Path

import genanki

from ..content.course_order import lesson_of_paragraph
from ..content.model import Course, GlossaryEntry, Text
from ..content.safe_files import write_atomically
from .export_result import Exported

FIELDS = ("Term", "Russian", "Handout", "Sentence", "Gapped", "Source", "Note")

# Changing the fields or templates keeps this id: Anki then updates the note type in place.
MODEL_KEY = "lessonkit glossary note type: English and Russian, both ways"

_HANDOUT = '{{#Handout}}<div class="handout">Handout: <span lang="ru">{{Handout}}</span></div>{{/Handout}}'
_NOTE = '{{#Note}}<div class="note" lang="en">{{Note}}</div>{{/Note}}'
TEMPLATES = [
    {
        "name": "English → Russian",
        "qfmt": '<div class="term" lang="en">{{Term}}</div><div class="sentence" lang="en">{{Sentence}}</div>'
                '<div class="source">{{Source}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer"><div class="ru" lang="ru">{{Russian}}</div>' + _HANDOUT + _NOTE,
    },
    {
        # The front shows the sentence with the term left out: the sentence itself would give it away.
        "name": "Russian → English",
        "qfmt": '<div class="ru" lang="ru">{{Russian}}</div>{{#Gapped}}<div class="sentence" lang="en">{{Gapped}}</div>{{/Gapped}}'
                '<div class="source">{{Source}}</div>',
        "afmt": '<div class="ru" lang="ru">{{Russian}}</div><hr id="answer"><div class="term" lang="en">{{Term}}</div>'
                '<div class="sentence" lang="en">{{Sentence}}</div><div class="source">{{Source}}</div>' + _HANDOUT + _NOTE,
    },
]

CSS = """
.card { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 20px; text-align: center; line-height: 1.4 }
.term { font-size: 26px; font-weight: bold; margin-bottom: 12px }
.ru { font-size: 22px }
.sentence { font-size: 17px; text-align: left; margin: 12px auto; max-width: 36em }
.source, .handout, .note { font-size: 14px; opacity: 0.75; margin-top: 8px }
.note { text-align: left; max-width: 36em; margin-left: auto; margin-right: auto; font-style: italic }
"""

# What the gap in a Russian → English card's sentence looks like.
GAP = "<b>[…]</b>"

# The zip entries' date: a fixed one, so that the package's bytes depend on the data only.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def stable_id(key: str) -> int:
    """A deck or note type id for `key`, the same in every run, in the range genanki
    recommends (ids Anki itself never hands out)."""
    digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def note_guid(text_id: str, term: str) -> str:
    """The GUID Anki matches notes by: the text and the term only, never the translations,
    so an edited translation updates the learner's card."""
    return str(genanki.guid_for(text_id, term))


def course_slug(course: Course) -> str:
    """A file name for the course: the repository's name ("owner/course" gives "course")."""
    name = course.map.repository.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "course"


def deck_name(course: Course, text: Text) -> str:
    # "::" nests decks in Anki: a title that holds it must not add a level.
    return f"{course.map.title.replace('::', ':')}::{text.title.replace('::', ':')}"


def _squeezed(value: str) -> str:
    return " ".join(value.split()).casefold()


def _html(value: str) -> str:
    """Data text as Anki HTML: escaped, quotes too; a line break stays one."""
    return escape(value, quote=True).replace("\n", "<br>")


def marked_sentence(entry: GlossaryEntry, marked: str = "") -> str:
    """The sentence, escaped, with its first occurrence of the term in bold (or replaced by
    `marked` when given); the check of the data guarantees the marked form is there."""
    before, found, after = entry.sentence.partition(entry.marked_form)
    if not found:
        return "" if marked else _html(entry.sentence)
    middle = marked or f"<b>{_html(found)}</b>"
    return _html(before) + middle + _html(after)


def note_fields(entry: GlossaryEntry, text: Text) -> list[str]:
    """The note's fields in FIELDS order; every piece of data escaped."""
    # The handout's translation is shown only where it says something else than the contextual one.
    handout = entry.handout if entry.handout and _squeezed(entry.handout) != _squeezed(entry.contextual) else ""
    return [
        _html(entry.term),
        _html(entry.contextual),
        _html(handout),
        marked_sentence(entry),
        marked_sentence(entry, GAP),
        f"{_html(text.title)} · paragraph {_html(entry.paragraph)}",
        _html(entry.note),
    ]


def note_model() -> genanki.Model:
    return genanki.Model(
        stable_id(MODEL_KEY),
        "lessonkit glossary (English ↔ Russian)",
        fields=[{"name": name} for name in FIELDS],
        templates=[dict(template) for template in TEMPLATES],  # genanki adds keys to them
        css=CSS,
    )


def build_decks(course: Course) -> list[genanki.Deck]:
    """One deck per text that has a glossary, in the course map's order; notes in glossary order."""
    model = note_model()
    slug = course_slug(course)
    lessons = {pid: ref.id for pid, ref in lesson_of_paragraph(course).items()}
    decks = []
    for ref in course.map.texts:
        glossary, text = course.glossaries.get(ref.id), course.texts.get(ref.id)
        if glossary is None or text is None:
            continue
        deck = genanki.Deck(
            stable_id(f"lessonkit deck: {course.map.repository} text {ref.id}"),
            deck_name(course, text),
            description=_html(f"New words of “{text.title}” ({len(glossary.entries)} terms), in both directions: "
                              f"English → Russian and Russian → English. From the course “{course.map.title}”."),
        )
        for position, entry in enumerate(glossary.entries):
            # Tags let a learner study one lesson's words: "course::IOM-1" (tags hold no spaces).
            tags = [f"{slug}::{lessons[entry.paragraph]}"] if entry.paragraph in lessons else []
            deck.add_note(genanki.Note(model=model, fields=note_fields(entry, text), guid=note_guid(ref.id, entry.term),
                                       tags=tags, due=position))
        decks.append(deck)
    return decks


def build_timestamp() -> float:
    """The notes' modification time: SOURCE_DATE_EPOCH for a reproducible build, else now.

    Anki's import updates a note only when the incoming one is newer, so a fixed time
    would keep learners on old translations: only pin it on purpose."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return float(pinned) if pinned.isdigit() else time.time()


def write_package(decks: list[genanki.Deck], path: Path, timestamp: float, first_id: int) -> None:
    """Write the .apkg as genanki's `Package.write_to_file` does, but with note and card ids
    counted from `first_id` and fixed zip dates, so that equal data gives equal files."""
    with tempfile.TemporaryDirectory(prefix="lessonkit-anki-") as work:
        database = Path(work) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            genanki.Package(decks).write_to_db(connection.cursor(), timestamp, itertools.count(first_id))
            connection.commit()
        finally:
            connection.close()
        package = io.BytesIO()
        with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in (("collection.anki2", database.read_bytes()), ("media", b"{}")):
                archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    # Whole or not at all: a learner never gets half a package under the real name.
    write_atomically(path, package.getvalue())


def export_anki(course: Course, out: Path, timestamp: float | None = None) -> Exported:
    """Write OUT/<course>.apkg with every glossary; `timestamp` pins the notes' modification time."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    decks = build_decks(course)
    path = out / f"{course_slug(course)}.apkg"
    # Ids look like creation times in ms (Anki shows them as "Created"); a per-course start
    # keeps two courses' ids apart, which saves Anki renumbering on import.
    first_id = 1_500_000_000_000 + stable_id(f"lessonkit note ids: {course.map.repository}") % 100_000_000 * 1000
    write_package(decks, path, build_timestamp() if timestamp is None else timestamp, first_id)
    notes = sum(len(deck.notes) for deck in decks)
    cards = sum(len(note.cards) for deck in decks for note in deck.notes)
    return Exported(paths=(path,), counts={"notes": notes, "cards": cards, "decks": len(decks)})
