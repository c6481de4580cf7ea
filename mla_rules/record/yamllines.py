"""YAML read for checking: the data, the line of every key and list item, and every problem
found on the way (invalid YAML, duplicate keys, impossible dates) as `Problem`s with their
line, instead of stopping at the first (see factcheck.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from mla_rules.record.yamlfile import MAX_BYTES, MAX_NODES, _expanded_size


class Problem(NamedTuple):
    file: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        at = f"{self.file}:{self.line}" if self.line else self.file
        return f"{at}: {self.message}" + (f"\n    {self.hint}" if self.hint else "")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2026-02-30) as text, so that the check can
    report it at its line instead of giving up on the whole file."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

KeyPath = tuple[Any, ...]


class LinedFile:
    """One parsed file: its data, the line of every key and list item, and its problems."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems
        self.lines: dict[KeyPath, int] = {}
        self.data: Any = None

    def line(self, path: KeyPath) -> int | None:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def report(self, path: KeyPath, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.name, self.line(path), message, hint))

    def load(self, path: Path) -> bool:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.report((), "file not found")
            return False
        except OSError as e:
            self.report((), f"cannot be read ({e.strerror})")
            return False
        if len(raw) > MAX_BYTES:
            self.report((), f"is {len(raw):,} bytes; files over {MAX_BYTES:,} are refused")
            return False
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.report((), f"is not UTF-8 text (byte {e.start})")
            return False
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                self.report((), "is empty")
                return False
            if _expanded_size(node) > MAX_NODES:
                self.report((), f"expands to more than {MAX_NODES:,} values (aliases)")
                return False
            self._walk(loader, node, ())
            self.data = loader.construct_document(node)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            self.problems.append(Problem(self.name, mark.line + 1 if mark else None,
                                         f"invalid YAML: {e.problem or e.context}"))
            return False
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as e:
            self.report((), f"invalid YAML: {e}")
            return False
        finally:
            loader.dispose()
        return True

    def _walk(self, loader: _Loader, node: yaml.Node, path: KeyPath) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    hash(key)
                except TypeError:
                    self.problems.append(Problem(self.name, line, "a key must be a plain value"))
                    continue
                if key in seen:
                    self.problems.append(Problem(self.name, line, f"duplicate key '{key}' "
                                                 f"(first on line {seen[key]})",
                                                 "YAML keeps only the last one: merge them."))
                seen.setdefault(key, line)
                self.lines.setdefault(path + (key,), line)
                self._walk(loader, value_node, path + (key,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.lines.setdefault(path + (i,), item.start_mark.line + 1)
                self._walk(loader, item, path + (i,))
