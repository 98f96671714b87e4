// The module of every course widget: it fetches the course's front-end code (widgets.js and
// lessonkit.css) from the kernel once per page and per version, and every widget then draws
// with that one copy. Without it, each of a lesson's 25 or so widgets would carry the 30 KB
// of code and style in its own state, compile it again and re-apply the style sheet.
const VERSION = "__LESSONKIT_VERSION__";
const WAIT_MS = 20000;

function load(model) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      model.off("msg:custom", receive);
      reject(new Error("the kernel did not send the course's code"));
    }, WAIT_MS);
    function receive(msg) {
      if (!msg || typeof msg.lessonkit_module !== "string") return;
      clearTimeout(timer);
      model.off("msg:custom", receive);
      const id = `lessonkit-style-${VERSION}`;
      if (!document.getElementById(id)) {
        const style = document.createElement("style");
        style.id = id;
        style.textContent = msg.lessonkit_style || "";
        document.head.append(style);
      }
      const url = URL.createObjectURL(new Blob([msg.lessonkit_module], { type: "text/javascript" }));
      import(/* webpackIgnore: true */ url).then(
        (module) => { URL.revokeObjectURL(url); resolve(module.default); },
        (error) => { URL.revokeObjectURL(url); reject(error); },
      );
    }
    model.on("msg:custom", receive);
    model.send({ action: "lessonkit_module" });
  });
}

function library(model) {
  const shared = (globalThis.__lessonkit ??= {});
  if (!shared[VERSION]) {
    // A widget closed before the kernel answered must not leave the page waiting: the next one asks again.
    shared[VERSION] = load(model).catch((error) => { delete shared[VERSION]; throw error; });
  }
  return shared[VERSION];
}

export default {
  async render({ model, el }) {
    let course;
    try {
      course = await library(model);
    } catch {
      course = await library(model);  // once more, through this widget
    }
    return course.render({ model, el });
  },
};
