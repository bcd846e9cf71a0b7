"""From what the extractors find in one article to the rows of its tables (see dateline/schema.py):
each row gets its id and the article's id; offsets point into `articles.body`."""
from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from dateline.extract.entities import resolve_entities
from dateline.extract.events import extract_events
from dateline.extract.metrics import extract_metrics
from dateline.extract.quotes import extract_quotes
from dateline.extract.rules import Rules
from dateline.records import Article


def row_id(*parts: object) -> str:
    """A stable id from the parts that make a row unique (its article, its kind, its offsets)."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def article_rows(doc: Doc, article: Article, rules: Rules) -> dict[str, list[dict]]:
    """All rows one article yields, keyed by table name."""
    aid = article.article_id
    ents = resolve_entities(doc, rules.entities)
    rows: dict[str, list[dict]] = {
        "entities": [{"entity_id": e.entity_id, "name": e.name, "type": e.type, "country_code": e.country_code}
                     for e in ents.entities],
        "mentions": [{"article_id": aid, "entity_id": m.entity.entity_id, "start": m.start, "end": m.end, "text": m.text}
                     for m in ents.mentions],
    }
    # flat dataclasses: a copy of their fields, without asdict's deep copies
    rows["quotes"] = [dict(vars(q), quote_id=row_id(aid, "q", q.quote_start, q.quote_end), article_id=aid)
                      for q in extract_quotes(doc, ents, rules.quotes)]
    rows["metrics"] = [dict(vars(m), metric_id=row_id(aid, "m", m.start, m.end), article_id=aid)
                       for m in extract_metrics(doc, rules.metrics)]
    rows["events"] = [dict(vars(ev), event_id=row_id(aid, "e", ev.sentence_start, ev.trigger_start), article_id=aid)
                      for ev in extract_events(doc, ents, rules.events, article.published_date, article.dateline_city)]
    return rows
