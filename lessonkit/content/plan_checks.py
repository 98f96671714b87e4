"""The workshop plan of a lesson against itself and the course map.

A plan is a timing list or two routes (in class and flipped), or both: each adds up to
the lesson's `workshop_minutes` in course.yml. Every material a route's step names is one
of the lesson's `materials`, every material is used by some step (a material no step uses
is either missing from the plan or left over), and a rubric marks writing or speaking tasks
of the lesson. One `Problem` each, with what to do. Pure: records in, problems out.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .model import Lesson, LessonRef

ROUTE_NAMES = {"in_class": "in-class", "flipped": "flipped"}


def check_plan(lesson: Lesson, ref: LessonRef, name: str) -> list[Problem]:
    """Every problem of the lesson's timing, routes, materials and rubric."""
    teacher = lesson.teacher
    if teacher is None:  # a released course's lesson, or a missing field: `check_release` says which
        return []
    workshop = ref.workshop_minutes
    problems: list[Problem] = []
    if teacher.timing:
        planned = sum(step.minutes for step in teacher.timing)
        if planned != workshop:
            problems.append(Problem(name, "teacher.timing", f"the timing plan adds up to {planned} minutes but course.yml gives the workshop {workshop}",
                                    "make the steps add up to workshop_minutes, or change workshop_minutes"))
    routes = teacher.routes
    if routes is not None:
        for key, label in ROUTE_NAMES.items():
            total = sum(step.minutes for step in getattr(routes, key))
            if total != workshop:
                problems.append(Problem(name, f"teacher.routes.{key}", f"the {label} route adds up to {total} minutes but course.yml gives the workshop {workshop}",
                                        "make its steps' minutes add up to workshop_minutes, or change workshop_minutes in data/course.yml"))
    ids = [material.id for material in lesson.materials]
    for material_id, count in sorted(Counter(ids).items()):
        if count > 1:
            problems.append(Problem(name, f"material {material_id}", f"{count} materials have this id", "give each material its own id"))
    used: set[str] = set()
    for key, n, step in routes.steps() if routes is not None else []:
        for material_id in step.materials:
            used.add(material_id)
            if material_id not in ids:
                known = f"use one of: {', '.join(ids)}" if ids else "the lesson has no `materials:` yet"
                problems.append(Problem(name, f"teacher.routes.{key} step {n}", f"names material {material_id!r}, which the lesson does not have",
                                        f"add it under `materials:` in this file, or correct the id ({known})"))
    for material_id in dict.fromkeys(ids):
        if material_id not in used:
            problems.append(Problem(name, f"material {material_id}", "no step of either route uses this material",
                                    "name it in a step's `materials` under teacher.routes, or remove it"))
    tasks = {exercise.id for exercise in lesson.exercises if exercise.kind == "open_task"}
    for criterion in teacher.rubric:
        for task in criterion.tasks:
            if task not in tasks:
                problems.append(Problem(name, "teacher.rubric", f"the criterion {criterion.criterion!r} marks {task}, which is not a writing or speaking task (open_task) of this lesson",
                                        f"name one of {sorted(tasks) or 'its open tasks (the lesson has none)'}, or remove it"))
    return problems


def check_release(lesson: Lesson, released: bool, name: str) -> list[Problem]:
    """A lesson needs its teacher notes, except in a released course (course.yml `release:
    student`, written by `lessonkit release`), which carries neither them nor the materials."""
    if not released:
        if lesson.teacher is None:
            return [Problem(name, "", "teacher: field required",
                            "add the field (see data/README.md); only a released course (course.yml `release: student`) leaves it out")]
        return []
    problems = []
    for field in lesson.TEACHER_ONLY:
        if getattr(lesson, field):  # None or [] when left out
            problems.append(Problem(name, field, "a released course (course.yml `release: student`) carries no teacher notes or materials",
                                    f"remove `{field}:` from the lesson, or `release:` from course.yml"))
    return problems
