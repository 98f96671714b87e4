"""The interface's string table: every string in both languages, with the same placeholders."""

from __future__ import annotations

import re

import pytest

from lessonkit.i18n import LANGUAGES, STRINGS, placeholders, say

CYRILLIC = re.compile(r"[а-яё]", re.I)


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_exists_in_every_language(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(entry[lang].strip() for lang in LANGUAGES), key
    assert placeholders(entry["en"]) == placeholders(entry["ru"]), key
    assert CYRILLIC.search(entry["ru"]), f"{key}: the Russian string has no Russian in it"
    assert not CYRILLIC.search(entry["en"]), f"{key}: the English string has Cyrillic in it"


def test_say_fills_placeholders_in_both_languages():
    assert say("score", "en", score=2, total=3) == "Score: 2 of 3."
    assert say("score", "ru", score=2, total=3) == "Результат: 2 из 3."


def test_every_string_used_by_the_engine_is_in_the_table():
    from pathlib import Path

    engine = Path(__file__).resolve().parent.parent / "lessonkit"
    source = "\n".join(p.read_text(encoding="utf-8") for p in engine.glob("*.py"))
    used = set(re.findall(r"""(?:say|say_plain|text|ui)\(\s*["']([a-z_]+)["']""", source))
    assert used and used <= set(STRINGS), sorted(used - set(STRINGS))


def test_every_string_in_the_table_is_used():
    """A key no view asks for is a translation nobody sees: it goes."""
    from pathlib import Path

    engine = Path(__file__).resolve().parent.parent / "lessonkit"
    table = (engine / "i18n.py").read_text(encoding="utf-8")
    source = "\n".join(p.read_text(encoding="utf-8") for p in engine.rglob("*.py") if p.name != "i18n.py")
    source += (engine / "static" / "widgets.js").read_text(encoding="utf-8")
    unused = [key for key in STRINGS if f'"{key}"' not in source and f"'{key}'" not in source]
    assert table and unused == []
