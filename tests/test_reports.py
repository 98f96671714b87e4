"""`lessonkit reports`: what learners self-credited or reported, read back from their files."""

from __future__ import annotations

import io

import pandas as pd

from lessonkit.cli import main
from lessonkit.learner.progress import ProgressStore


def learner(path, *claims):
    store = ProgressStore(path)
    for exercise, item, answer, kind in claims:
        store.record_claim(exercise, "IOM-1", item, answer, kind)
    return store


def test_reports_round_trip_a_progress_file_and_an_export(tmp_path, capsys):
    first = learner(tmp_path / "a.json", ("IOM1-13", 2, "With IOM aid, States adopted laws.", "self_credited"),
                    ("IOM1-13", 2, "With IOM aid, States adopted laws.", "should_be_accepted"))
    learner(tmp_path / "b.json", ("IOM1-13", 2, "With IOM aid, States adopted laws.", "self_credited"),
            ("NGO1-14", 5, "The Committee champions | migrants' rights", "should_be_accepted"))
    export = first.export_to(tmp_path / "my-progress-ana.json")
    (tmp_path / "junk.json").write_text("not json", encoding="utf-8")

    assert main(["reports", str(tmp_path / "b.json"), str(export), str(tmp_path / "junk.json")]) == 0
    out, err = capsys.readouterr()
    assert "junk.json: skipped, it is not a progress file" in err
    assert "| IOM1-13 | 2 | means the same (self-credited) | With IOM aid, States adopted laws. | 2 |" in out
    assert "| NGO1-14 | 5 | should be accepted (reported) | The Committee champions \\| migrants' rights | 1 |" in out

    assert main(["reports", "--csv", str(tmp_path / "b.json"), str(export)]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns) == ["exercise", "item", "kind", "answer", "learners"]
    assert len(table) == 3 and table["learners"].sum() == 4
    assert set(table["answer"]) == {"With IOM aid, States adopted laws.", "The Committee champions | migrants' rights"}


def test_reports_of_nothing_readable_fail_with_reasons(tmp_path, capsys):
    assert main(["reports", str(tmp_path / "missing.json")]) == 1
    assert "missing.json: skipped, it cannot be read" in capsys.readouterr().err
    (tmp_path / "huge.json").write_bytes(b"{" + b" " * (5 * 1024 * 1024))
    assert main(["reports", str(tmp_path / "huge.json")]) == 1
    assert "huge.json: skipped, it is larger than 5 MB" in capsys.readouterr().err
    learner(tmp_path / "quiet.json").record_check("IOM1-03", "IOM-1", 3, 3, [])
    assert main(["reports", str(tmp_path / "quiet.json")]) == 0
    assert "No self-credited or reported answers." in capsys.readouterr().out
