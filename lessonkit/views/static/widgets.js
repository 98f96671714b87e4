// The course's widgets: one exercise drawn with native HTML controls from the model's
// `spec`, and the small views around the exercises (language bar, status lines, timeline).
// Every data or learner string is written with textContent, never parsed as markup, so text
// such as <img src=x onerror=...> shows as text. Responses go to Python with each press.

// A paragraph id never breaks at its hyphen: "(I-" at the end of a line and "16)" on the
// next read as two things. Text only: each id is a span whose textContent is the id.
const PARAGRAPH_ID = /\b[A-Z]+-\d{2}\b/g;

function prose(text) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(PARAGRAPH_ID)) {
    if (match.index > at) nodes.push(text.slice(at, match.index));
    const id = document.createElement("span");
    id.className = "lk-pid";
    id.textContent = match[0];
    nodes.push(id);
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") {
      if (tag === "option" || tag === "textarea") node.textContent = value;
      else node.append(...prose(String(value)));
    } else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function segment(seg) {
  const tag = seg.style === "strong" || seg.style === "label" ? "strong" : seg.style === "em" ? "em" : "span";
  let words = seg.text;
  if (seg.style === "quote") words = `«${words}»`;
  if (seg.style === "label") words = `${words}:`;
  return h(tag, { lang: seg.lang, text: words });
}

function writeLines(node, lines) {
  node.replaceChildren(
    ...(lines || []).map((line) => {
      const div = h("div");
      line.forEach((seg, i) => {
        if (i) div.append(" ");
        div.append(segment(seg));
      });
      return div;
    }),
  );
}

const GAP = /_{3,}/;

// JupyterLab's command-mode shortcuts (arrows move between cells, D D deletes one) would
// take keys pressed on a radio button or a select. Keys used inside the exercise stay
// here; Tab, Escape and Ctrl/Cmd/Alt shortcuts (Ctrl+S) still reach JupyterLab.
function keepKeysHere(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
  event.stopPropagation();
}

function uid() {
  return "lk" + Math.random().toString(36).slice(2, 10);
}

// The exercise's heading: its place on the page ("Exercise 3 of 12"), its title, whether it
// is core or optional (a badge that says so in words), and its id in smaller text.
function heading(spec) {
  const part = spec.part === "optional" ? "lk-part lk-optional" : "lk-part lk-core";
  return h("h4", { className: "lk-heading" }, [
    spec.number ? h("span", { className: "lk-ex-num", text: spec.number }) : null,
    spec.number ? " · " : null,
    h("span", { lang: spec.title_lang, text: spec.title }),
    spec.part_label ? " " : null,
    spec.part_label ? h("span", { className: part, text: spec.part_label }) : null,
    " ",
    h("span", { className: "lk-ex-id", text: spec.id }),
  ]);
}

// --- one builder per item type: draws the controls, returns how to read them ------------

function choiceItem(item, n, value, ids, { multi }) {
  const name = `${ids}-${n}`;
  const legend = h("legend", {}, [h("span", { className: "lk-num", text: `${n + 1}.` }), " ", h("span", { lang: "en", text: item.prompt })]);
  const boxes = item.options.map((option, k) => {
    const checked = multi ? (value || []).includes(option.value) : value === option.value;
    const input = h("input", { type: multi ? "checkbox" : "radio", name, value: option.value, id: `${name}-${k}`, "data-focus": `${n}-${k}` });
    input.checked = checked;
    return [input, h("label", { for: `${name}-${k}`, className: "lk-option" }, [input, h("span", { lang: "en", text: option.label })])];
  });
  const fieldset = h("fieldset", { className: "lk-choices" }, [legend, ...boxes.map(([, label]) => label)]);
  const inputs = boxes.map(([input]) => input);
  const read = multi
    ? () => inputs.filter((i) => i.checked).map((i) => i.value)
    : () => (inputs.find((i) => i.checked) || { value: null }).value;
  return { node: fieldset, read };
}

function judgementItem(item, n, value, ids, { lang }) {
  const name = `${ids}-${n}`;
  const legend = h("legend", {}, [h("span", { className: "lk-num", text: `${n + 1}.` }), " ", h("span", { lang: "en", text: item.prompt })]);
  const inputs = [];
  const labels = item.options.map((option, k) => {
    const input = h("input", { type: "radio", name, value: option.value, id: `${name}-${k}`, className: "lk-visually-hidden", "data-focus": `${n}-${k}` });
    input.checked = value === option.value;
    inputs.push(input);
    return h("label", { for: `${name}-${k}`, className: "lk-segment" }, [input, h("span", { lang, text: option.label })]);
  });
  const fieldset = h("fieldset", { className: "lk-judgement" }, [legend, h("div", { className: "lk-segments" }, labels)]);
  return { node: fieldset, read: () => (inputs.find((i) => i.checked) || { value: null }).value };
}

function selectControl(options, value, placeholder, attrs) {
  const select = h("select", attrs, [h("option", { value: "", text: placeholder })]);
  for (const option of options) select.append(h("option", { value: option.value, lang: "en", text: option.label }));
  select.value = value || "";
  return select;
}

function selectItem(item, n, value, ids, { labels }) {
  const id = `${ids}-${n}`;
  const select = selectControl(item.options, value, labels.choose, { id, "data-focus": `${n}` });
  const node = h("div", { className: "lk-match" }, [
    h("label", { for: id }, [h("span", { className: "lk-num", text: `${n + 1}.` }), " ", h("span", { lang: "en", text: item.prompt })]),
    select,
  ]);
  return { node, read: () => select.value || null };
}

function gapItem(item, n, value, ids, { labels }) {
  const id = `${ids}-${n}`;
  const input = h("input", {
    type: "text", id, className: "lk-gap", autocomplete: "off", spellcheck: "false",
    "aria-label": `${n + 1}. ${labels.your_answer}`, "data-focus": `${n}`,
  });
  input.value = value || "";
  const parts = item.prompt.split(GAP);
  const sentence = h("p", { className: "lk-sentence", lang: "en" }, [h("span", { className: "lk-num", text: `${n + 1}.` }), " "]);
  if (parts.length > 1) {
    sentence.append(...prose(parts[0]), input, ...prose(parts.slice(1).join("_____")));
  } else {
    sentence.append(...prose(item.prompt), " ", input);
  }
  if (item.base) sentence.append(" ", h("strong", { className: "lk-base", title: labels.base_word, text: `(${item.base})` }));
  return { node: sentence, read: () => input.value };
}

function orderItem(item, n, value, ids, { labels }) {
  const selects = item.positions.map((position, k) => {
    const id = `${ids}-${n}-${k}`;
    const select = selectControl(item.segments.map((s) => ({ value: s.label, label: s.label })), (value || [])[k], labels.choose, { id, "data-focus": `${n}-${k}` });
    return [h("label", { for: id, className: "lk-position" }, [h("span", { text: position }), select]), select];
  });
  const node = h("div", { className: "lk-order" }, [
    h("p", { lang: "en" }, [h("span", { className: "lk-num", text: `${n + 1}.` }), " ", h("span", { text: item.prompt })]),
    h("ul", { lang: "en" }, item.segments.map((s) => h("li", {}, [h("strong", { text: `${s.label}:` }), " ", h("span", { text: s.text })]))),
    h("div", { className: "lk-positions" }, selects.map(([label]) => label)),
  ]);
  return { node, read: () => selects.map(([, select]) => select.value || null) };
}

function textItem(item, n, value, ids, { labels }) {
  const id = `${ids}-${n}`;
  const prompt = h("label", { for: id, className: "lk-prompt" }, [h("span", { className: "lk-num", text: `${n + 1}.` }), " "]);
  if (item.before) prompt.append(h("span", { text: `${item.before}:` }), " ");
  prompt.append(h("span", { lang: item.prompt_lang, text: item.prompt }));
  const area = h("textarea", { id, rows: item.rows, placeholder: labels.your_answer, "data-focus": `${n}`, spellcheck: "true" });
  area.value = value || "";
  return { node: h("div", { className: "lk-typed" }, [prompt, area]), read: () => area.value };
}

// Words in any script, as `answers.count_words` counts them (so the counter and the
// checker agree on a Russian справка): letters or digits, joined by ' ’ or -.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;

function countWords(text) {
  return ((text || "").replace(INVISIBLE, "").match(WORD) || []).length;
}

// An open task: the prompt, what the task asks for (reader, genre, language, length, or the
// times of a speaking task), a box for the text or the preparation notes with a word
// counter, and the self-check list.
function openItem(item, n, value, ids, { labels }) {
  const id = `${ids}-${n}`;
  const prompt = h("p", { className: "lk-prompt", id: `${id}-prompt` }, [
    h("span", { className: "lk-num", text: `${n + 1}.` }), " ", h("span", { lang: item.prompt_lang || "en", text: item.prompt }),
  ]);
  const task = h("div", { className: "lk-task", id: `${id}-task` });
  writeLines(task, item.task);
  task.hidden = !(item.task || []).length;
  const boxLabel = item.box_label || labels.your_answer;
  const area = h("textarea", {
    id, rows: item.rows, placeholder: boxLabel, "data-focus": `${n}`, spellcheck: "true", lang: item.answer_lang || "en",
    "aria-describedby": `${id}-prompt ${id}-task`, className: item.mode === "speaking" ? "lk-notes" : null,
  });
  area.value = (value || {}).text || "";
  const counter = h("p", { className: "lk-counter" });
  const count = () => {
    counter.textContent = (item.counter || "{n}").replace("{n}", String(countWords(area.value)));
  };
  count();
  area.addEventListener("input", count);
  const ticked = new Set((value || {}).ticked || []);
  const checks = item.checklist.map((point, k) => {
    const input = h("input", { type: "checkbox", id: `${id}-c${k}`, "data-focus": `${n}-c${k}` });
    input.checked = ticked.has(k);
    return [input, h("label", { for: `${id}-c${k}`, className: "lk-option" }, [input, h("span", { lang: item.checklist_lang || "en", text: point })])];
  });
  const list = h("fieldset", { className: "lk-checklist" }, [h("legend", { text: item.checklist_label || labels.self_check }), ...checks.map(([, label]) => label)]);
  const box = h("div", { className: "lk-typed" }, [h("label", { for: id, className: "lk-box-label", text: boxLabel }), area, counter]);
  return {
    node: h("div", { className: `lk-open lk-${item.mode || "writing"}` }, [prompt, task, box, list]),
    read: () => ({ text: area.value, ticked: checks.flatMap(([input], k) => (input.checked ? [k] : [])) }),
  };
}

const BUILDERS = { choice: choiceItem, multi: choiceItem, judgement: judgementItem, select: selectItem, gap: gapItem, order: orderItem, text: textItem, open: openItem };

// --- the widget -------------------------------------------------------------------------

function renderExercise({ model, el }) {
  const ids = uid();
  const root = h("section", { className: "lk-exercise" });
  el.classList.add("lk-host");
  el.append(root);
  let readers = [];
  let feedbackNodes = [];
  let markNodes = [];
  let hintNode, scoreNode, lastNode, answerButton;

  const current = () => readers.map((read) => read());
  const keep = (save) => {
    model.set("responses", current());
    if (save) model.save_changes();
  };
  const press = (action) => {
    const responses = current();
    model.set("responses", responses);
    model.save_changes();
    model.send({ action, responses });
  };

  function table(spec, responses, labels) {
    const head = h("thead", {}, [h("tr", {}, spec.columns.map((c) => h("th", { scope: "col", lang: "en", text: c })))]);
    const body = h("tbody");
    spec.items.forEach((item, n) => {
      const value = responses[n] || {};
      const inputs = {};
      const marks = [];
      const row = h("tr");
      item.cells.forEach((cell) => {
        if ("given" in cell) {
          row.append(h("td", { lang: "en", text: cell.given }));
          return;
        }
        const input = h("input", {
          type: "text", className: "lk-cell", autocomplete: "off", spellcheck: "false",
          "aria-label": `${n + 1}. ${cell.column}`, placeholder: cell.column, "data-focus": `${n}-${cell.column}`,
        });
        input.value = value[cell.column] || "";
        inputs[cell.column] = input;
        const mark = h("span", { className: "lk-mark" });
        marks.push(mark);
        row.append(h("td", {}, [input, mark]));
      });
      const note = h("div", { className: "lk-feedback", role: "status" });
      body.append(row, h("tr", { className: "lk-row-feedback" }, [h("td", { colspan: spec.columns.length }, [note])]));
      readers.push(() => Object.fromEntries(Object.entries(inputs).map(([c, input]) => [c, input.value])));
      feedbackNodes.push(note);
      markNodes.push(marks);
    });
    return h("table", { className: "lk-table" }, [head, body]);
  }

  function draw() {
    const spec = model.get("spec");
    const labels = spec.labels;
    const responses = model.get("responses") || [];
    const focused = root.contains(document.activeElement) ? document.activeElement.getAttribute("data-focus") : null;
    readers = [];
    feedbackNodes = [];
    markNodes = [];
    root.lang = spec.lang;
    root.dataset.exercise = spec.id;
    root.dataset.kind = spec.kind;
    const parts = [
      heading(spec),
      h("p", { className: "lk-instruction", lang: spec.instruction_lang, text: spec.instruction }),
    ];
    lastNode = h("p", { className: "lk-last" });
    parts.push(lastNode);
    if (spec.bank.length) {
      parts.push(h("p", { className: "lk-bank" }, [h("strong", { text: `${labels.word_bank}:` }), " ", h("span", { lang: "en", text: spec.bank.join(" · ") })]));
    }
    if (spec.columns.length && spec.items.length && spec.items[0].type === "row") {
      parts.push(table(spec, responses, labels));
    } else {
      const list = h("ol", { className: "lk-items" });
      spec.items.forEach((item, n) => {
        const built = BUILDERS[item.type](item, n, responses[n], ids, { labels, lang: spec.lang, multi: item.type === "multi" });
        const note = h("div", { className: "lk-feedback", role: "status" });
        list.append(h("li", { className: "lk-item" }, [built.node, note]));
        readers.push(built.read);
        feedbackNodes.push(note);
        markNodes.push([]);
      });
      parts.push(list);
    }
    const button = (action, label, primary) =>
      h("button", { type: "button", className: primary ? "lk-btn lk-primary" : "lk-btn", "data-action": action, "data-focus": `b-${action}`, text: label });
    answerButton = button("answer", labels.show_answer);
    answerButton.title = labels.answer_after_attempt;
    // Quiz mode: Save answer keeps the answers unmarked until the lesson's Finish; no Hint, no Show answer.
    const buttons = spec.mode === "quiz"
      ? [button("save", labels.save_answer, true), button("retry", labels.try_again)]
      : [button("check", labels.check, true), button("hint", labels.hint), answerButton, button("retry", labels.try_again)];
    parts.push(h("div", { className: "lk-buttons" }, buttons));
    hintNode = h("div", { className: "lk-hint", role: "status" });
    scoreNode = h("p", { className: "lk-score", role: "status" });
    parts.push(hintNode, scoreNode);
    root.replaceChildren(...parts);
    drawFeedback();
    if (focused) {
      const again = root.querySelector(`[data-focus="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  function drawFeedback() {
    const rows = model.get("feedback") || [];
    const labels = model.get("spec").labels;
    feedbackNodes.forEach((node, n) => {
      const row = rows[n] || { status: "", lines: [], cells: [] };
      node.className = row.status ? `lk-feedback lk-${row.status}` : "lk-feedback";
      writeLines(node, row.lines);
      if ((row.offers || []).length) {
        // The checker may be wrong about a right translation: the learner has the last word.
        node.append(h("div", { className: "lk-claims" }, row.offers.map((action) =>
          h("button", { type: "button", className: "lk-btn", "data-claim": action, "data-item": n, "data-focus": `c-${n}-${action}`, text: labels[action] }))));
      }
      markNodes[n].forEach((mark, k) => {
        const known = row.status && row.status !== "answer" && row.cells.length > k;
        mark.textContent = known ? (row.cells[k] ? "✓" : "✗") : "";
        mark.title = known ? (row.cells[k] ? labels.right : labels.wrong) : "";
        mark.className = known ? (row.cells[k] ? "lk-mark lk-right" : "lk-mark lk-wrong") : "lk-mark";
      });
    });
    writeLines(hintNode, model.get("hint"));
    writeLines(scoreNode, model.get("score"));
    writeLines(lastNode, model.get("last_time"));
    lastNode.hidden = !(model.get("last_time") || []).some((line) => line.length);
    answerButton.disabled = !model.get("answer_enabled");
  }

  root.addEventListener("click", (event) => {
    const target = event.target.closest("button[data-action]");
    if (target && root.contains(target) && !target.disabled) press(target.dataset.action);
    const claim = event.target.closest("button[data-claim]");
    if (claim && root.contains(claim)) model.send({ action: claim.dataset.claim, item: Number(claim.dataset.item) });
  });
  root.addEventListener("change", () => keep(true));
  root.addEventListener("input", () => keep(false));
  root.addEventListener("keydown", (event) => {
    // Enter in a one-line box checks (saves, in a quiz), as in a web form; text areas keep Enter for new lines.
    if (event.key === "Enter" && event.target.matches("input[type=text]")) {
      event.preventDefault();
      press(model.get("spec").mode === "quiz" ? "save" : "check");
    }
    keepKeysHere(event);
  });

  const redraw = () => draw();
  const refresh = () => drawFeedback();
  model.on("change:spec", redraw);
  model.on("change:revision", redraw);
  for (const name of ["feedback", "hint", "score", "last_time", "answer_enabled"]) model.on(`change:${name}`, refresh);
  draw();
  return () => {
    model.off("change:spec", redraw);
    model.off("change:revision", redraw);
    for (const name of ["feedback", "hint", "score", "last_time", "answer_enabled"]) model.off(`change:${name}`, refresh);
  };
}

// --- the views around the exercises ----------------------------------------------------

function languageBar(model, root) {
  const name = "lkl" + Math.random().toString(36).slice(2, 10);
  const legend = h("legend");
  const inputs = [];
  const segments = model.get("choices").map(([code, label], k) => {
    const input = h("input", { type: "radio", name, value: code, id: `${name}-${k}`, className: "lk-visually-hidden" });
    inputs.push(input);
    return h("label", { for: `${name}-${k}`, className: "lk-segment" }, [input, h("span", { lang: code, text: label })]);
  });
  const fieldset = h("fieldset", { className: "lk-language" }, [legend, ...segments]);
  const lines = h("div", { className: "lk-lines", role: "status" });
  root.append(fieldset, lines);
  fieldset.addEventListener("change", () => {
    const chosen = inputs.find((i) => i.checked);
    if (chosen) {
      model.set("lang", chosen.value);
      model.save_changes();
    }
  });
  return () => {
    legend.textContent = model.get("legend");
    for (const input of inputs) input.checked = input.value === model.get("lang");
    root.lang = model.get("lang");
    writeLines(lines, model.get("lines"));
  };
}

function statusLine(model, root) {
  const lines = h("div", { role: "status" });
  root.append(lines);
  return () => {
    root.lang = model.get("lang");
    writeLines(lines, model.get("lines"));
  };
}

function timeline(model, root) {
  const button = h("button", { type: "button", className: "lk-btn" });
  const figure = h("figure", { style: "margin: 0" });
  root.append(button, figure);
  button.addEventListener("click", () => model.send({ action: "draw" }));
  return () => {
    root.lang = model.get("lang");
    button.textContent = model.get("legend");
    button.hidden = Boolean(model.get("image"));
    figure.replaceChildren();
    if (model.get("image")) figure.append(h("img", { src: model.get("image"), alt: model.get("alt") }));
  };
}

// Quiz mode's Finish: one button that marks the whole lesson, and the lines under it.
function finish(model, root) {
  const button = h("button", { type: "button", className: "lk-btn lk-primary" });
  const lines = h("div", { className: "lk-lines", role: "status" });
  root.append(button, lines);
  button.addEventListener("click", () => model.send({ action: "finish" }));
  return () => {
    root.lang = model.get("lang");
    button.textContent = model.get("legend");
    writeLines(lines, model.get("lines"));
  };
}

// A lesson's prediction: a labelled box, Save, and the line saying when it was saved. The box
// is only rewritten when the saved text changes, never while the learner types.
function predict(model, root) {
  const id = uid();
  const label = h("label", { for: id, className: "lk-predict-label" });
  const area = h("textarea", { id, rows: 3, spellcheck: "true" });
  area.value = model.get("value");
  const button = h("button", { type: "button", className: "lk-btn" });
  const lines = h("div", { className: "lk-lines", role: "status" });
  root.append(label, area, button, lines);
  button.addEventListener("click", () => model.send({ action: "save", text: area.value }));
  let shown = model.get("value");
  return () => {
    root.lang = model.get("lang");
    label.textContent = model.get("legend");
    button.textContent = model.get("button");
    if (model.get("value") !== shown) area.value = shown = model.get("value");
    writeLines(lines, model.get("lines"));
  };
}

const VIEWS = { bar: languageBar, line: statusLine, timeline, finish, predict };

function renderPage({ model, el }) {
  const kind = model.get("view");
  const root = h("div", { className: `lk-${kind === "bar" ? "bar lk-toolbar" : kind} ${model.get("css_class")}` });
  el.classList.add("lk-host");
  el.append(root);
  const update = VIEWS[kind](model, root);
  // Keys pressed on the switch stay here: JupyterLab's command mode would take the arrows.
  root.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape")) event.stopPropagation();
  });
  update();
  const names = ["lang", "lines", "legend", "image", "alt", "value", "button"];
  for (const name of names) model.on(`change:${name}`, update);
  return () => {
    for (const name of names) model.off(`change:${name}`, update);
  };
}

function render(context) {
  return context.model.get("view") === "exercise" ? renderExercise(context) : renderPage(context);
}

export default { render };
