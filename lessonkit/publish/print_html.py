"""The printed pages' HTML frame and the paper pieces they share.

A printed page (worksheet, answer key, materials) is one self-contained HTML file: inline
CSS for A4 (`@page`), page breaks between its sheets, nothing fetched and no script.
Every data string becomes HTML through `e()` (or `ru()`, `markdown_html()` for the
authors' Markdown, whose raw HTML is escaped too); the page modules build on these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape

CSS = """
@page { size: A4; margin: 15mm }
@page landscape { size: A4 landscape; margin: 15mm }
.sheet.landscape { page: landscape }
* { box-sizing: border-box }
html { font: 10.5pt/1.42 "DejaVu Serif", "Liberation Serif", Georgia, serif; color: #000; background: #fff }
body { margin: 0; padding: 0 }
h1, h2, h3, h4, .label, th, .meta, .tag { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif }
h1 { font-size: 16pt; margin: 0 0 2mm } h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000 }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid } h4 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid }
p { margin: 0 0 2mm } ul, ol { margin: 0 0 2mm; padding-left: 6mm }
body.key { font-size: 9.5pt } body.key .instr { margin-bottom: 1mm }
.sheet + .sheet { break-before: page }
.meta { font-size: 8.5pt; color: #333 }
.tag { font-size: 7.5pt; border: 1px solid #555; border-radius: 2px; padding: 0 1.2mm; margin-left: 1.5mm; vertical-align: 1px; font-weight: normal }
.ru { color: #333; font-size: 9.5pt }
.fields { display: flex; gap: 8mm; margin: 3mm 0 4mm; font-family: "DejaVu Sans", sans-serif; font-size: 9pt }
.fields span { flex: 1; border-bottom: 1px solid #000; padding-bottom: 1mm }
.para { display: grid; grid-template-columns: 13mm 1fr; gap: 2mm; margin: 0 0 2mm; break-inside: avoid }
.para .pid { font: bold 8.5pt "DejaVu Sans", sans-serif; padding-top: .6mm }
.para.reread { color: #333; border-left: 2px solid #999; padding-left: 1.5mm }
.para.reread .pid::after { content: "re-read"; display: block; font-weight: normal; font-size: 7pt }
.para ul { margin: 1mm 0 0 } .note { font-size: 8.5pt; border-left: 2px solid #000; padding-left: 2mm; margin: 1mm 0 }
.keep { break-inside: avoid } .exercise { margin: 0 0 5mm } .exercise > header { break-after: avoid; break-inside: avoid }
.exercise .head { font: bold 10.5pt "DejaVu Sans", sans-serif; border-top: 1.5px solid #000; padding-top: 1.5mm }
.exercise .head .n { font-weight: normal } .exercise .head .id { font-weight: normal; font-size: 8pt; color: #333 }
.instr { font-style: italic; margin: 1mm 0 2mm }
.item { display: grid; grid-template-columns: 7mm 1fr; margin: 0 0 2.5mm; break-inside: avoid }
.item > .no { font-family: "DejaVu Sans", sans-serif; font-weight: bold }
.opts { list-style: none; padding: 0; margin: 1mm 0 0; display: grid; grid-template-columns: 1fr; gap: .8mm }
.opts.inline { display: flex; flex-wrap: wrap; gap: 1mm 7mm }
.opts li { display: grid; grid-template-columns: 5mm 5mm 1fr; align-items: start }
.opts.inline li { display: inline-grid }
.letter { font: bold 9.5pt "DejaVu Sans", sans-serif }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 1px solid #000; vertical-align: -.5mm; margin-top: .6mm }
.boxes { display: flex; flex-wrap: wrap; gap: 2mm 4mm; align-items: center; font-family: "DejaVu Sans", sans-serif; margin-top: 1.5mm }
.slot { display: inline-block; width: 9mm; height: 7mm; border: 1px solid #000; vertical-align: middle }
.gap { display: inline-block; border-bottom: 1px solid #000; height: 1.2em; vertical-align: -.35em }
.line { height: 8.5mm; border-bottom: 1px solid #777 }
.lines { margin: 1mm 0 2mm } .notes { border: 1px solid #000; padding: 0 2mm 1mm; margin: 1mm 0 2mm }
.bank { border: 1.5px solid #000; padding: 1.5mm 2.5mm; margin: 1mm 0 3mm; break-inside: avoid }
.bank .words { display: flex; flex-wrap: wrap; gap: 1mm 6mm }
.base { font: bold 9.5pt "DejaVu Sans", sans-serif; letter-spacing: .5px; white-space: nowrap; padding-left: 3mm }
.gapline { display: flex; justify-content: space-between; align-items: baseline; gap: 2mm }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; table-layout: fixed; break-inside: auto }
tr { break-inside: avoid } thead { display: table-header-group }
th, td { border: 1px solid #000; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; hyphens: auto }
th { font-size: 8.5pt; background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact }
td.blank { height: 14mm } td.num { text-align: center; white-space: nowrap; padding-left: .5mm; padding-right: .5mm }
table.grid td, table.grid th { overflow-wrap: break-word; hyphens: manual }
table.route { font-size: 9pt } table.route td, table.route th { overflow-wrap: break-word; hyphens: manual } table.route td:first-child { white-space: nowrap }
.match td { border: none; border-bottom: 1px dotted #999 } .match td.answer { text-align: center; vertical-align: middle }
.checklist { list-style: none; padding: 0; margin: 1mm 0 0 } .checklist li { display: grid; grid-template-columns: 6mm 1fr; margin-bottom: .8mm }
.cut { border: 1.5px dashed #000; padding: 3mm 4mm; break-inside: avoid; position: relative }
.role::before { content: "\\2702"; position: absolute; top: -3.2mm; left: 3mm; background: #fff; font-size: 9pt; line-height: 1 }
.roles { display: grid; grid-template-columns: 1fr; gap: 6mm }
.role { font-size: 11.5pt } .role h3 { margin-top: 0; font-size: 13pt } .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0; margin-top: 2mm }
.cards .cut { min-height: 28mm; display: flex; align-items: center; justify-content: center; text-align: center; font-size: 12pt; margin: -.75px }
.cards .cut small { position: absolute; top: 1mm; right: 2mm; font: 7pt "DejaVu Sans", sans-serif; color: #555 }
.cards.categories .cut { min-height: 35mm; font: bold 15pt "DejaVu Sans", sans-serif }
.group { border: 1px solid #000; padding: 2mm 3mm; margin-bottom: 3mm; break-inside: avoid }
table.split { margin-bottom: 0 } table.cont { margin-top: 0 } table.cont tr:first-child td { border-top: none }
.key td.k { font-weight: bold } .key td.k .meta, .key td.k ul { font-weight: normal } .key .why { font-size: 8.5pt } .key .ev { font-size: 8.5pt }
.model { border-left: 2px solid #000; padding: .5mm 0 .5mm 2.5mm; margin: 1mm 0 2mm; white-space: pre-line; font-weight: normal }
.handout td:empty { height: 12mm }
@media screen { body { margin: 0 auto; max-width: 180mm; padding: 10mm 0 } .sheet.landscape { width: 267mm } .sheet + .sheet { border-top: 2px dashed #999; margin-top: 12mm; padding-top: 8mm } }
"""


def e(text: object) -> str:
    """Data text as HTML that shows literally."""
    return escape(str(text), quote=True)


def ru(text: str, cls: str = "ru") -> str:
    """Russian text, escaped, marked lang="ru"."""
    return f'<span lang="ru" class="{cls}">{e(text)}</span>'


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, … for the option at `index` (from 0)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def lettered(values: Sequence[str]) -> list[tuple[str, str]]:
    return [(letter(n), value) for n, value in enumerate(values)]


def box() -> str:
    return '<span class="box" aria-hidden="true"></span>'


def ruled_lines(count: int) -> str:
    return '<div class="lines">' + '<div class="line"></div>' * max(count, 1) + "</div>"


def lines_for_words(words: int, per_line: int = 9, least: int = 2) -> int:
    """Handwriting lines for about `words` words (about nine words to a line across A4)."""
    return max(least, math.ceil(words / per_line) + 1)


def word_count(text: str) -> int:
    return len(text.split())


def gap(expected: Iterable[str]) -> str:
    """A blank to write on, its length by the longest expected answer, in a few steps."""
    longest = max((len(text) for text in expected), default=8)
    width = next((w for limit, w in ((8, 7), (16, 11), (28, 16)) if longest <= limit), 22)
    return f'<span class="gap" style="width:{width}em" aria-label="gap"></span>'


def table(head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "", widths: Sequence[str] = ()) -> str:
    """A table from HTML cells (escape data before): a header row, then the rows."""
    cols = "<colgroup>" + "".join(f'<col style="width:{w}">' if w else "<col>" for w in widths) + "</colgroup>" if widths else ""
    header = "<thead><tr>" + "".join(f'<th scope="col">{cell}</th>' for cell in head) + "</tr></thead>" if head else ""
    body = "".join("<tr>" + "".join(cell if cell.startswith("<td") else f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{cls}">{cols}{header}<tbody>{body}</tbody></table>'


def markdown_html(text: str) -> str:
    """The authors' Markdown (a handout, a context card) as HTML, with any raw HTML escaped."""
    try:
        import mistune  # installed with JupyterLab (nbconvert renders Markdown with it)
    except ImportError:  # pragma: no cover - JupyterLab always brings it
        return "".join(f"<p>{e(block)}</p>" for block in text.split("\n\n") if block.strip())
    render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    return str(render(text))


Sheet = str | tuple[str, str]  # a sheet's HTML, or (HTML, "landscape") for one printed across the page


def document(title: str, sheets: Sequence[Sheet], kind: str) -> str:
    """A whole printable page: each sheet starts on a new A4 page (portrait, or landscape)."""
    drawn = [(sheet, "") if isinstance(sheet, str) else sheet for sheet in sheets]
    body = "\n".join(f'<section class="{("sheet " + cls).strip()}">{html}</section>' for html, cls in drawn if html)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="lessonkit print">\n'
            f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f'<body class="{e(kind)}">\n{body}\n</body>\n</html>\n')
