"""Safe YAML loading that refuses what PyYAML silently accepts: duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mla_rules.errors import DataError
from mla_rules.record.limits import DATA_LIMIT as DATA_LIMIT
from mla_rules.record.limits import MAX_BYTES as MAX_BYTES
from mla_rules.record.limits import read_limited as read_limited

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 200_000  # values after expanding aliases: refuses "billion laughs" documents


class _StrictLoader(_Base):  # type: ignore[misc]
    """SafeLoader (C-accelerated when available) that raises on a duplicate mapping key."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' (first on line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _BadValue(yaml.constructor.ConstructorError):
    """Well-formed YAML whose value cannot be (a date that does not exist)."""


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """A date as YAML reads it, or an error at its line: 2026-13-45 is no date."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as e:
        raise _BadValue(None, None, f"{node.value} is not a date that exists ({e})",
                        node.start_mark) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _expanded_size(root: yaml.Node) -> int:
    """How many values the document has once every alias is expanded (stops past the cap)."""
    count, stack = 0, [root]
    while stack and count <= MAX_NODES:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return count


def load(path: Path, label: str | None = None, limit: int = MAX_BYTES) -> Any:
    """Parse a YAML file, turning every failure into a DataError that names the file and line."""
    label = label or str(path)
    raw = read_limited(path, limit, label)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(label, f"is not UTF-8 text (byte {e.start})") from None
    try:
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if _expanded_size(node) > MAX_NODES:
                raise DataError(label, f"expands to more than {MAX_NODES:,} values "
                                       "(aliases nested too deeply); refused")
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = f" line {mark.line + 1}" if mark else ""
        if isinstance(e, _BadValue):
            raise DataError(f"{label}{line}", f"invalid value: {e.problem}",
                            "Dates are written YYYY-MM-DD and must exist.") from None
        raise DataError(f"{label}{line}", f"invalid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise DataError(label, f"invalid YAML: {e}") from None
    except (ValueError, OverflowError) as e:  # e.g. a date like 2026-02-30
        raise DataError(label, f"invalid value: {e}",
                        "Dates are written YYYY-MM-DD and must exist.") from None
    except RecursionError:
        raise DataError(label, "invalid YAML: nested too deeply") from None
