"""JSON-LD as far as Tropy writes it: compact or expanded, an inline context, a graph of nodes.

`nodes` expands an export's nodes (full IRIs as keys, each value a list of literals or nodes);
the rest read values from them by the local name of their property ("title", "photo").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

TROPY = "https://tropy.org/v1/tropy#"
"""The vocabulary of a term no context defines."""


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Context:
    """Maps a compact export's terms to full IRIs (the context is always inline in Tropy's
    exports; a remote one is never fetched, its terms are read under Tropy's vocabulary)."""

    def __init__(
        self, definition: object = None, parent: Context | None = None, vocabulary: str = TROPY
    ) -> None:
        self.terms: dict[str, str] = dict(parent.terms) if parent else {}
        self.vocab: str = parent.vocab if parent else vocabulary
        self.language: str = parent.language if parent else ""
        for part in definition if isinstance(definition, list) else [definition]:
            if isinstance(part, Mapping):
                self._add(part)

    def _add(self, definition: Mapping[str, Any]) -> None:
        if isinstance(definition.get("@vocab"), str):
            self.vocab = definition["@vocab"]
        if isinstance(definition.get("@language"), str):
            self.language = definition["@language"]
        for term, value in definition.items():
            if term.startswith("@"):
                continue
            if isinstance(value, str):
                self.terms[term] = value
            elif isinstance(value, Mapping) and isinstance(value.get("@id"), str):
                self.terms[term] = value["@id"]

    def iri(self, term: str) -> str:
        if term in self.terms:
            return self.iri(self.terms[term]) if self.terms[term] != term else term
        prefix, colon, rest = term.partition(":")
        if colon and not rest.startswith("//") and prefix in self.terms:
            return self.terms[prefix] + rest
        if "://" in term:
            return term
        return self.vocab + term


def expand(node: Mapping[str, Any], context: Context) -> dict[str, Any]:
    """A node with full IRIs as keys and each value a list of literals ({"@value", "@language"})
    or nodes; `@list` containers flattened in order."""
    if "@context" in node:
        context = Context(node["@context"], context)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@context":
            continue
        if key in {"@type", "@id"}:
            types = value if isinstance(value, list) else [value]
            out[key] = [
                context.iri(t) if key == "@type" else t for t in types if isinstance(t, str)
            ]
            continue
        if key.startswith("@"):
            out[key] = value
            continue
        out[context.iri(key)] = list(_values(value, context))
    return out


def _values(value: object, context: Context) -> Iterable[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _values(item, context)
    elif isinstance(value, Mapping):
        if "@list" in value or "@set" in value:
            yield from _values(value.get("@list", value.get("@set")), context)
        elif "@value" in value:
            yield {"@value": value["@value"], "@language": value.get("@language", "")}
        else:
            yield expand(value, context)
    elif value is not None:
        yield {"@value": value, "@language": context.language}


def nodes(data: object) -> list[dict[str, Any]]:
    """The export's top-level nodes, expanded."""
    root = Context()
    if isinstance(data, Mapping):
        context = Context(data.get("@context"), root)
        graph = data.get("@graph")
        if graph is None:
            return [expand(data, context)]
        return [expand(n, context) for n in graph if isinstance(n, Mapping)]
    if isinstance(data, list):
        found: list[dict[str, Any]] = []
        for entry in data:
            found += nodes(entry) if isinstance(entry, Mapping) and "@graph" in entry else []
            if isinstance(entry, Mapping) and "@graph" not in entry:
                found.append(expand(entry, root))
        return found
    return []


def is_a(node: Mapping[str, Any], kind: str) -> bool:
    return any(local(t) == kind for t in node.get("@type", []))


def texts(node: Mapping[str, Any], name: str) -> list[str]:
    """The literal values of every property of `node` whose IRI ends with `name`."""
    found: list[str] = []
    for key, values in node.items():
        if key.startswith("@") or local(key) != name:
            continue
        for value in values:
            if isinstance(value, Mapping) and "@value" in value:
                text = str(value["@value"]).strip()
                if text:
                    found.append(text)
    return found


def first(node: Mapping[str, Any], name: str) -> str:
    values = texts(node, name)
    return values[0] if values else ""


def number(node: Mapping[str, Any], name: str, default: float = 0) -> float:
    try:
        return float(first(node, name) or default)
    except ValueError:
        return default


def children(node: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for key, values in node.items():
        if not key.startswith("@") and local(key) == name:
            found += [v for v in values if isinstance(v, dict) and "@value" not in v]
    return found
