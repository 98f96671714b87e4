"""Reading one course file safely: YAML in, a mapping of fields or one clear Problem out.

Course files are written by hand, so the reader is stricter than YAML itself where YAML
would hide a mistake (a key written twice, an alias) or stall the command (a FIFO), and
it never lets a parser exception reach an author as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_name(path: Path, data_dir: Path) -> str:
    """The name a problem gives a file: `data/…` as authors see it, else the path as given."""
    try:
        return f"data/{path.relative_to(data_dir).as_posix()}"
    except ValueError:
        return str(path)


class CourseLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, stricter where course data needs it.

    - Dates stay text: `when: 2012-02-30` is the author's words, not a date to construct
      (an impossible date would otherwise raise from inside the parser).
    - A key written twice in one mapping is an error (YAML would keep the last silently).
    - Aliases (`*name`) are refused: course files never need them, and a few nested ones
      expand into gigabytes when the data is walked.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (*name) repeats a value; course data writes every value out", node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice in one mapping; keep one", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, data_dir: Path) -> tuple[Any, list[Problem]]:
    """The file's top-level mapping, or None and the one problem that stopped the reading.

    Only a mapping is returned: every course file is a record of named fields, and the
    schema's messages would be confusing for a list or a bare value.
    """
    name = data_name(path, data_dir)
    if path.exists() and not path.is_file():
        # A folder or a FIFO: reading a FIFO would wait for a writer for ever.
        return None, [Problem(name, "", "it is not a regular file", "replace it with a YAML file or correct the path that names it")]
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "", "the file does not exist", "create it or correct the path that names it")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, "", f"the file cannot be read ({error.__class__.__name__})", "save it as UTF-8 text")]
    try:
        data = yaml.load(raw, Loader=CourseLoader)  # noqa: S506 - a safe loader, never the full one
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        reason = getattr(error, "problem", None) or "not valid YAML"
        return None, [Problem(name, "", f"malformed YAML at {where}: {reason}", "check the indentation, colons and quotes near that line")]
    if data is None:
        return None, [Problem(name, "", "the file is empty", "fill it in (see data/README.md) or remove the reference to it")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "the file must hold a mapping of fields", "start with field names such as `id:` (see data/README.md)")]
    return data, []
