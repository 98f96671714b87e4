"""`lessonkit export anki`: the .apkg is read back as Anki would (a zip holding an SQLite
collection) and compared with the glossaries; ids are stable and the data is escaped."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import yaml

from lessonkit.cli import main
from lessonkit.content.load import load_course
from lessonkit.publish.export_anki import FIELDS, deck_name, export_anki, note_guid


def read_package(path: Path, tmp_path: Path) -> dict:
    """The package's decks (name by id), notes and cards, read from its SQLite collection."""
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        database = tmp_path / f"{path.stem}-{len(list(tmp_path.iterdir()))}.anki2"
        database.write_bytes(package.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        decks = {int(did): deck["name"] for did, deck in json.loads(connection.execute("SELECT decks FROM col").fetchone()[0]).items()}
        models = json.loads(connection.execute("SELECT models FROM col").fetchone()[0])
        notes = connection.execute("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
        cards = connection.execute("SELECT id, nid, did, ord FROM cards ORDER BY id").fetchall()
    finally:
        connection.close()
    return {"decks": decks, "models": models, "notes": notes, "cards": cards}


def fields_of(note: tuple) -> dict[str, str]:
    return dict(zip(FIELDS, note[3].split("\x1f")))


def test_one_sub_deck_per_text_with_two_cards_per_glossary_entry(course, tmp_path: Path) -> None:
    done = export_anki(course, tmp_path / "out")
    read = read_package(done.paths[0], tmp_path)
    entries = {ref.id: len(course.glossaries[ref.id].entries) for ref in course.map.texts if ref.id in course.glossaries}
    assert done.counts == {"notes": sum(entries.values()), "cards": 2 * sum(entries.values()), "decks": len(entries)}
    cards_per_deck = Counter(read["decks"][did] for _id, _nid, did, _ord in read["cards"])
    notes_per_deck = Counter(read["decks"][did] for _nid, did in {(nid, did) for _id, nid, did, _ord in read["cards"]})
    for text_id, count in entries.items():
        name = deck_name(course, course.texts[text_id])
        assert name.startswith(f"{course.map.title}::")
        assert cards_per_deck[name] == 2 * count
        assert notes_per_deck[name] == count
    assert len(read["notes"]) == sum(entries.values())
    # Every note makes both cards: English → Russian (ord 0) and Russian → English (ord 1).
    assert Counter(nid for _id, nid, _did, _ord in read["cards"]) == {note[0]: 2 for note in read["notes"]}
    assert {ord_ for *_rest, ord_ in read["cards"]} == {0, 1}
    assert [model["name"] for model in read["models"].values()] == ["lessonkit glossary (English ↔ Russian)"]


def test_the_card_shows_the_sentence_with_the_term_in_bold_and_the_handout_only_where_it_differs(mini, tmp_path: Path) -> None:
    read = read_package(export_anki(mini, tmp_path / "out").paths[0], tmp_path)
    by_term = {fields_of(note)["Term"]: fields_of(note) for note in read["notes"]}
    barge = by_term["barge"]
    assert barge["Sentence"] == "The river is an important transport route; <b>barges</b> carry grain and steel."
    assert "barges" not in barge["Gapped"] and "<b>[…]</b>" in barge["Gapped"]
    assert barge["Russian"] == "баржа (грузовое судно)"
    assert barge["Handout"] == "баржа"  # the handout says less than the contextual translation
    assert barge["Source"] == "Rivers · paragraph R-02"
    # A tag per lesson, so a learner can study one lesson's words: the lesson that reads the paragraph.
    read_in = {pid: ref.id for ref in mini.map.lessons for pid in mini.lessons[ref.id].paragraph_ids}
    for note in read["notes"]:
        assert note[4].split() == [f"rivers::{read_in[fields_of(note)['Source'].rsplit(' ', 1)[-1]]}"]
    rise = by_term["rise"]
    assert rise["Handout"] == ""  # no handout translation
    assert rise["Note"] == "Not &quot;подниматься&quot; here."


def test_a_glossary_entry_with_markup_characters_comes_back_escaped(mini_copy: Path, tmp_path: Path) -> None:
    data = mini_copy / "data"
    text_file, glossary_file = data / "texts" / "riv.yml", data / "glossary" / "riv.yml"
    text = yaml.safe_load(text_file.read_text(encoding="utf-8"))
    text["paragraphs"][1]["text"] += ' Tolls are "<fair>" & low.'
    text_file.write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    glossary["entries"].append({
        "term": 'toll <b>& "fee"', "mark": "Tolls", "handout": "плата <i>& сбор</i>", "contextual": 'пошлина <script>x</script> & "сбор"',
        "note": "Not <u>налог</u> & 'tax'.", "paragraph": "R-02", "sentence": 'Tolls are "<fair>" & low.',
    })
    glossary_file.write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")

    read = read_package(export_anki(load_course(data), tmp_path / "out").paths[0], tmp_path)
    toll = next(fields_of(note) for note in read["notes"] if fields_of(note)["Term"].startswith("toll"))
    assert toll == {
        "Term": "toll &lt;b&gt;&amp; &quot;fee&quot;",
        "Russian": "пошлина &lt;script&gt;x&lt;/script&gt; &amp; &quot;сбор&quot;",
        "Handout": "плата &lt;i&gt;&amp; сбор&lt;/i&gt;",
        "Sentence": "<b>Tolls</b> are &quot;&lt;fair&gt;&quot; &amp; low.",
        "Gapped": "<b>[…]</b> are &quot;&lt;fair&gt;&quot; &amp; low.",
        "Source": "Rivers · paragraph R-02",
        "Note": "Not &lt;u&gt;налог&lt;/u&gt; &amp; &#x27;tax&#x27;.",
    }
    # The only markup in any field is the export's own bold.
    for note in read["notes"]:
        for value in fields_of(note).values():
            assert value.replace("<b>", "").replace("</b>", "").count("<") == 0


def test_two_builds_give_the_same_ids_and_fields_and_the_guid_depends_on_text_and_term_only(mini, tmp_path: Path) -> None:
    first = read_package(export_anki(mini, tmp_path / "one").paths[0], tmp_path)
    second = read_package(export_anki(mini, tmp_path / "two").paths[0], tmp_path)
    assert [note[:4] for note in first["notes"]] == [note[:4] for note in second["notes"]]
    assert first["cards"] == second["cards"]
    assert first["decks"] == second["decks"] and first["models"].keys() == second["models"].keys()
    guids = {note[1] for note in first["notes"]}
    assert guids == {note_guid("riv", entry.term) for entry in mini.glossaries["riv"].entries}
    # Pinned: a guid that changed (our code or a genanki upgrade) would import every card again as new.
    assert note_guid("riv", "barge") == 'j}Vnu<yJ[+'


def test_with_a_pinned_time_two_builds_are_the_same_file(mini, tmp_path: Path, monkeypatch) -> None:
    one = export_anki(mini, tmp_path / "one", timestamp=1_700_000_000).paths[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    two = export_anki(mini, tmp_path / "two").paths[0]
    assert one.read_bytes() == two.read_bytes()


def test_an_edited_translation_keeps_the_guid(mini_copy: Path, mini, tmp_path: Path) -> None:
    glossary_file = mini_copy / "data" / "glossary" / "riv.yml"
    glossary_file.write_text(glossary_file.read_text(encoding="utf-8").replace("баржа (грузовое судно)", "баржа, грузовое судно"), encoding="utf-8")
    before = read_package(export_anki(mini, tmp_path / "before").paths[0], tmp_path)
    after = read_package(export_anki(load_course(mini_copy / "data"), tmp_path / "after").paths[0], tmp_path)
    assert [note[1] for note in before["notes"]] == [note[1] for note in after["notes"]]
    assert [fields_of(note)["Russian"] for note in before["notes"]] != [fields_of(note)["Russian"] for note in after["notes"]]


def test_the_folder_is_made_and_an_old_package_replaced(mini, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    path = export_anki(mini, out).paths[0]
    assert path.parent == out and path.suffix == ".apkg"
    path.write_bytes(b"old")
    assert export_anki(mini, out).paths == (path,)
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in out.iterdir()) == [path.name]


def test_the_command_writes_the_package(mini, mini_root: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["--data", str(mini_root / "data"), "export", "anki", str(out)]) == 0
    packages = list(out.glob("*.apkg"))
    assert len(packages) == 1 and zipfile.is_zipfile(packages[0])
    printed = capsys.readouterr().out
    notes = sum(len(glossary.entries) for glossary in mini.glossaries.values())
    assert f"wrote {packages[0]}" in printed and f"{notes} notes, {2 * notes} cards" in printed


def test_without_genanki_the_command_says_what_to_install(mini_root: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "genanki", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "lessonkit.publish.export_anki", raising=False)
    assert main(["--data", str(mini_root / "data"), "export", "anki", str(tmp_path / "out")]) == 1
    said = capsys.readouterr()
    assert "the Anki export needs genanki: pip install 'genanki>=0.13'" in said.err and "Traceback" not in said.err
    assert not (tmp_path / "out").exists()
