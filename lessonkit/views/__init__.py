"""What the learner sees in a notebook: the anywidget views (drawn by `static/widgets.js`),
the lesson session that cells call, the trainer, the progress page, charts and every
interface string in English and Russian."""
