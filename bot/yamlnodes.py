"""YAML with line numbers: the data, plus the node tree to point at FILE:LINE.

PyYAML's safe_load drops positions; composing the node tree keeps them, and
constructing from that same tree guarantees data and lines agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml


def load_yaml_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """Parses one document; raises yaml.YAMLError with a problem_mark on bad syntax."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None, None
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, node


def child(node: yaml.Node | None, key: Any) -> yaml.Node | None:
    """The value node under a mapping key or a sequence index."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key or (isinstance(key, str) and str(k.value) == key):
                return v  # type: ignore[no-any-return]
    elif (
        isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value)
    ):
        return node.value[key]  # type: ignore[no-any-return]
    return None


def key_node(node: yaml.Node | None, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if str(k.value) == str(key):
                return k  # type: ignore[no-any-return]
    return None


def line_of(root: yaml.Node | None, path: Sequence[Any]) -> int:
    """1-based line of the deepest node along path that exists (the key for a mapping entry)."""
    line = root.start_mark.line + 1 if root is not None else 1
    node = root
    for key in path:
        k = key_node(node, key)
        nxt = child(node, key)
        if k is not None:
            line = k.start_mark.line + 1
        elif nxt is not None:
            line = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return line
