"""Marking: normalising what a learner typed and checking it against a key. Pure functions,
the lowest layer: it imports nothing else of lessonkit (the content's records only for
type checking)."""
