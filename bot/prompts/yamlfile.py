"""Load a YAML data file into Python values while remembering the line of every value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class DataFileError(Exception):
    """One or more problems in data files, each naming the file and line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class YamlDoc:
    """A parsed YAML file: its plain data plus the line (1-based) of each path inside it."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known node on `loc` (falls back to the parent's line)."""
        for cut in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:cut]))
            if found is not None:
                return found
        return 1

    def where(self, loc: Loc) -> str:
        return f"{self.path}:{self.line_of(loc)}"


# libyaml's parser when PyYAML has it (about ten times faster); the pure-Python one otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], build: yaml.SafeLoader) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = (
                yaml.safe_load(yaml.serialize(key_node))
                if not isinstance(key_node, yaml.ScalarNode)
                else build.construct_object(key_node, deep=True)
            )
            out[key] = _walk(value_node, (*loc, key), lines, build)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*loc, i), lines, build) for i, item in enumerate(node.value)]
    return build.construct_object(node, deep=True)


def load_yaml(path: Path) -> YamlDoc:
    """Parse `path`; a syntax error becomes a DataFileError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError([f"{path}:1: the file is not UTF-8 text ({exc.reason})"]) from None
    except OSError as exc:
        raise DataFileError([f"{path}: cannot be read ({exc.strerror})"]) from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataFileError([f"{path}:{line}: not valid YAML: {exc.problem or exc}"]) from None
    lines: dict[Loc, int] = {}
    data = _walk(node, (), lines, yaml.SafeLoader("")) if node is not None else None
    return YamlDoc(path=path, data=data, lines=lines)


def validate(doc: YamlDoc, model: type[M], *, loc: Loc = ()) -> M:
    """Validate the data at `loc` in `doc` against `model`, reporting problems by file and line."""
    data: Any = doc.data
    for part in loc:
        data = data[part]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(_problems(doc, exc, loc)) from None


def _problems(doc: YamlDoc, exc: ValidationError, base: Loc) -> list[str]:
    out = []
    for err in exc.errors():
        loc = (*base, *err["loc"])
        field_name = ".".join(str(p) for p in loc) or "(top level)"
        msg = err["msg"]
        out.append(f"{doc.where(loc)}: {field_name}: {msg}")
    return out
