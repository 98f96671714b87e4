// The small views around the exercises: the language bar, status lines and the timeline.
// Text is written with textContent only.

function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function writeLines(node, lines) {
  node.replaceChildren(
    ...(lines || []).map((line) => {
      const div = h("div");
      line.forEach((seg, i) => {
        if (i) div.append(" ");
        const tag = seg.style === "strong" || seg.style === "label" ? "strong" : seg.style === "em" ? "em" : "span";
        div.append(h(tag, { lang: seg.lang, text: seg.style === "label" ? `${seg.text}:` : seg.text }));
      });
      return div;
    }),
  );
}

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

const VIEWS = { bar: languageBar, line: statusLine, timeline };

function render({ model, el }) {
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
  const names = ["lang", "lines", "legend", "image", "alt"];
  for (const name of names) model.on(`change:${name}`, update);
  return () => {
    for (const name of names) model.off(`change:${name}`, update);
  };
}

export default { render };
