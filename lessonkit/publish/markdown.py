"""Data text as Markdown: escaping, named interface controls and marked glossary words.

Everything here turns a piece of data into a Markdown (or plain HTML) string; nothing
knows which page it ends up on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

from ..content import model
from ..views.i18n import say


def md_escape(text: str) -> str:
    """Data text as Markdown that shows literally (no accidental emphasis or HTML)."""
    text = escape(text, quote=False)
    for char in ("\\", "*", "_", "`", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


def cell_text(text: str) -> str:
    """Text for a Markdown table cell."""
    return md_escape(" ".join(text.split())).replace("|", "\\|")


def ru(text: str) -> str:
    """Russian text, escaped, in a span marked lang="ru" (for screen readers and hyphenation)."""
    return f'<span lang="ru">{escape(text)}</span>'


def control(key: str) -> str:
    """An interface control named in English Markdown: its English name, then its Russian one.

    The names come from `lessonkit.i18n`, so the page says exactly what the button says
    in either interface language.
    """
    return f'**{md_escape(say(key, "en"))}** (<b lang="ru">{escape(say(key, "ru"))}</b>)'


def control_ru(key: str) -> str:
    """The same inside Russian text: the Russian name, then the English one."""
    return f'**{md_escape(say(key, "ru"))}** (<b lang="en">{escape(say(key, "en"))}</b>)'


def glossary_spans(text: str, entries: list[model.GlossaryEntry]) -> list[tuple[int, int, model.GlossaryEntry]]:
    """Where each glossary word is marked in `text`, in text order.

    Longer forms are marked first; a form overlapping one already marked is skipped.
    """
    spans: list[tuple[int, int, model.GlossaryEntry]] = []
    for entry in sorted(entries, key=lambda e: -len(e.marked_form)):
        sentence_at = text.find(" ".join(entry.sentence.split()))
        start = text.find(entry.marked_form, max(sentence_at, 0))
        if start < 0:
            start = text.find(entry.marked_form)
        if start < 0:
            continue
        end = start + len(entry.marked_form)
        if any(s < end and start < e for s, e, _ in spans):
            continue
        spans.append((start, end, entry))
    return sorted(spans, key=lambda s: s[0])


def mark_glossary(text: str, entries: list[model.GlossaryEntry], escaper: Callable[[str], str] | None = None) -> str:
    """Escape a paragraph (Markdown by default; the printed pages pass HTML's escaper) and
    set its glossary words in bold.

    The mark is typographic (bold), not colour and not a hover title: the Russian
    equivalents are in the gloss list under the paragraph (`gloss_list`), which a
    keyboard, a touch screen and a screen reader all reach.
    """
    write = escaper or md_escape
    out, pos = [], 0
    for start, end, _entry in glossary_spans(text, entries):
        out.append(write(text[pos:start]))
        out.append(f"<b>{write(text[start:end])}</b>")
        pos = end
    out.append(write(text[pos:]))
    return "".join(out)


# JupyterLab sets no space under a <details>, so the next paragraph touches the "Words in"
# line; the course's style sheet (static/lessonkit.css, loaded with the first widget) gives
# this class a margin. A class, not a style attribute: built Markdown carries no styles.
GLOSS_DETAILS = '<details class="lk-words">'


def gloss_list(paragraph_id: str, entries: list[model.GlossaryEntry]) -> str:
    """A paragraph's glossary words with their contextual Russian, in a closed <details>.

    Plain HTML that JupyterLab's sanitizer and GitHub both keep (details, summary, span
    lang); a blank line after <summary> lets the list inside be Markdown.
    """
    if not entries:
        return ""
    pid = escape(paragraph_id)
    lines = "\n".join(f'- {md_escape(e.term)} — <span lang="ru">{md_escape(e.contextual)}</span>' for e in entries)
    return (
        f'{GLOSS_DETAILS}\n<summary>Words in {pid} ({len(entries)}) / <span lang="ru">Слова абзаца {pid}</span></summary>\n\n'
        f"{lines}\n\n</details>"
    )


def paragraph_glossary(para: model.Paragraph, entries: list[model.GlossaryEntry]) -> list[model.GlossaryEntry]:
    """The paragraph's glossary entries in the order their words occur in it (unfound ones last)."""
    text = " ".join(para.full_text.split())

    def where(entry: model.GlossaryEntry) -> int:
        at = text.find(entry.marked_form)
        return at if at >= 0 else len(text)

    return sorted((e for e in entries if e.paragraph == para.id), key=where)


def passage_markdown(paragraphs: Iterable[model.Paragraph], glossary: list[model.GlossaryEntry], reread: bool = False) -> str:
    """Paragraphs as Markdown: id, text with glossary words in bold, gloss list, editor's notes."""
    blocks = []
    for para in paragraphs:
        entries = paragraph_glossary(para, glossary)
        if para.heading:
            blocks.append(f"#### {md_escape(para.heading)}")
        flat = " ".join(para.text.split(" "))
        lines = [mark_glossary(" ".join(line.split()), entries) for line in flat.split("\n")]
        body = "  \n".join(lines)
        blocks.append(f"**[{para.id}]** {body}")
        if para.items:
            blocks.append("\n".join(f"- {mark_glossary(' '.join(item.split()), entries)}" for item in para.items))
        if entries:
            blocks.append(gloss_list(para.id, entries))
        for note in para.notes:
            blocks.append(
                f"> **Editor's note ({para.id}).** {md_escape(note.en)}  \n> {ru(note.ru)}"
            )
    prefix = "> *Re-read:*\n\n" if reread else ""
    return prefix + "\n\n".join(blocks)


def note_block(note: model.EditorNote | None, label: str) -> str:
    """An editor's note as a quoted English + Russian block under a bold label ("" for no note)."""
    if note is None:
        return ""
    return f"> **{label}.** {md_escape(note.en)}  \n> {ru(note.ru)}"


def paragraph_runs(pids: list[str]) -> str:
    """"I-01, I-02, I-03, I-05" as a teacher cites them: "I-01–I-03, I-05"."""
    runs: list[list[str]] = []
    for pid in pids:
        if runs and _next_id(runs[-1][-1]) == pid:
            runs[-1].append(pid)
        else:
            runs.append([pid])
    return ", ".join(run[0] if len(run) == 1 else ", ".join(run) if len(run) == 2 else f"{run[0]}–{run[-1]}" for run in runs)


def _next_id(pid: str) -> str:
    found = re.fullmatch(r"(.*?)(\d+)", pid)
    return f"{found[1]}{int(found[2]) + 1:0{len(found[2])}d}" if found else ""
