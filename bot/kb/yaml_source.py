"""Safe YAML loading that remembers the line of every mapping, key and list item.

Validation errors must name ``file:line``; PyYAML's plain ``safe_load`` forgets where
things were. This loader returns :class:`LineDict` and :class:`LineList`, ordinary
containers that also carry the (1-based) line of themselves and of each key or item.

Timestamps are *not* resolved implicitly: ``start: 2017-06-13T11:00`` stays a string so
the schema can parse it in the event's time zone and report bad dates itself.

Every file is read in bounded time and memory, whatever it holds. YAML anchors and aliases
let a few hundred bytes stand for billions of values (an "alias bomb"): the nodes are counted
as they are composed and again as if every alias were expanded, and a file over
:data:`MAX_NODES` values or nested deeper than :data:`MAX_DEPTH` is refused before anything
is built from it. Numbers too long to convert are refused too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.textfold import clip

MAX_NODES = 100_000
"""Values (scalars, lists, mappings) one file may hold, counting each alias as a copy of what
it refers to. FOSDEM 2024's 674 sessions imported are about 21,000 in one file: this leaves
five times that, and keeps checking any file under a couple of seconds. Raising it lets
bigger single files through, at the cost of time and memory for a hostile one; splitting a
huge schedule into several files is the better way."""

MAX_DEPTH = 64
"""How deeply lists and mappings may nest. A knowledge file needs about six levels; deep
nesting only serves to exhaust the parser's stack."""

MAX_NUMBER_DIGITS = 40
"""Longer integers are refused: Python refuses to convert one of more than 4,300 digits, and
no knowledge value needs more than a few."""


class LineDict(dict):
    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class YamlError(Exception):
    """A YAML file that cannot be read or parsed, with the place of the problem."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TooManyNodes(yaml.YAMLError):
    """Raised while composing, once a file has more than :data:`MAX_NODES` values."""


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader (libyaml's when available) with line-aware containers, no implicit timestamps,
    and a count of the nodes composed."""

    _composed = 0

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Called once per (untagged) node as the composer builds it, in libyaml's composer as
        # in PyYAML's: the cheapest place to stop a file of a million tiny values early.
        self._composed += 1
        if self._composed > MAX_NODES:
            raise _TooManyNodes()
        return yaml.resolver.Resolver.resolve(self, kind, value, implicit)


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "a key here is not a plain value", key_node.start_mark
            ) from exc
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {clip(repr(key), 80)}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    if len(str(node.value)) > MAX_NUMBER_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of more than {MAX_NUMBER_DIGITS} digits", node.start_mark
        )
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def check_expansion(root: yaml.Node, path: str) -> None:
    """Refuse a node graph that, with every alias expanded, holds more than :data:`MAX_NODES`
    nodes, nests deeper than :data:`MAX_DEPTH`, or contains itself.

    Aliases make the graph a DAG that shares nodes: each distinct list or mapping is visited
    once and its expanded size and height are remembered, so this runs in time linear in the
    file, however large the expansion would be. Iterative, so deep nesting cannot exhaust the
    stack. Scalars count 1 and are never stored.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            kids = _children(node)
            distinct += 1 + sum(1 for kid in kids if isinstance(kid, yaml.ScalarNode))
            total = 1 + sum(size.get(id(kid), 1) for kid in kids)
            tallest = 1 + max((height.get(id(kid), 1) for kid in kids), default=0)
            size[key], height[key] = total, tallest
            line = node.start_mark.line + 1
            if total > MAX_NODES and distinct > MAX_NODES:
                raise YamlError(
                    path,
                    line,
                    f"the file holds more than {MAX_NODES:,} values: refused; split it into "
                    "several files",
                )
            if total > MAX_NODES:
                raise YamlError(
                    path,
                    line,
                    f"with its aliases (*name) expanded, this holds more than {MAX_NODES:,} "
                    "values: refused (a YAML alias bomb?); write the values out, or split the file",
                )
            if tallest > MAX_DEPTH:
                raise YamlError(
                    path, line, f"lists and mappings nested more than {MAX_DEPTH} levels deep"
                )
            continue
        if key in size or isinstance(node, yaml.ScalarNode):
            continue
        if key in on_path:
            raise YamlError(
                path, node.start_mark.line + 1, "an alias refers to the list or mapping it is in"
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend(
            (kid, False)
            for kid in _children(node)
            if not isinstance(kid, yaml.ScalarNode) and id(kid) not in size
        )


def parse_yaml(text: str, path: str = "<string>") -> Any:
    """Parse YAML text safely, in bounded time and memory; raise :class:`YamlError` naming the
    line on any syntax error, and on a file too large once its aliases are expanded."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_expansion(node, path)
        return loader.construct_document(node)
    except _TooManyNodes as exc:
        raise YamlError(
            path,
            1,
            f"the file holds more than {MAX_NODES:,} values: refused; split it into several files",
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = clip(exc.problem or exc.context or "invalid YAML", 200)
        raise YamlError(path, line, f"YAML syntax error: {problem}") from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, f"YAML error: {clip(str(exc), 200)}") from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # a tagged value the constructor cannot build (!!timestamp 2017-13-45, ...)
        raise YamlError(path, 1, f"a value cannot be read: {clip(str(exc), 200)}") from exc
    finally:
        loader.dispose()


def read_yaml(path: Path) -> Any:
    """Read and parse one YAML file; unreadable or non-UTF-8 files raise :class:`YamlError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise YamlError(str(path), line, "the file is not valid UTF-8 text") from exc
    except OSError as exc:
        raise YamlError(str(path), 1, f"cannot read the file: {exc.strerror or exc}") from exc
    return parse_yaml(text, str(path))
