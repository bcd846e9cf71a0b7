"""`Doc.text` and `Doc.ents` are rebuilt from every token on each access, and `doc[i]` or `for t in doc`
makes a new `Token` object each time; the extractors read them often, so each doc keeps one copy of
its text, entities and tokens in its `user_data` (the `dateline_extract` component drops them after)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def text(doc: Doc) -> str:
    cached = doc.user_data.get("dateline_text")
    if cached is None:
        cached = doc.user_data["dateline_text"] = doc.text
    return cached


def tokens(doc: Doc) -> list[Token]:
    cached = doc.user_data.get("dateline_tokens")
    if cached is None:
        cached = doc.user_data["dateline_tokens"] = list(doc)
    return cached


def ents(doc: Doc) -> tuple[Span, ...]:
    cached = doc.user_data.get("dateline_ents")
    if cached is None:
        cached = doc.user_data["dateline_ents"] = tuple(doc.ents)
    return cached


def ents_in(span: Span) -> list[Span]:
    return [e for e in ents(span.doc) if e.start >= span.start and e.end <= span.end]


def clear(doc: Doc) -> None:
    """Drop the copies once the extractors are done with the doc."""
    for key in ("dateline_text", "dateline_ents", "dateline_tokens"):
        doc.user_data.pop(key, None)
