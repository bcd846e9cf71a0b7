"""Places: where an event happened, from a place named with `in` / `at` / `near` on its verb, else the
article's dateline city."""
from __future__ import annotations

from spacy.tokens import Span

from dateline import geo
from dateline.extract.entities import ArticleEntities
from dateline.extract.events.rules import EventRules


def sentence_location(sent: Span, ents: ArticleEntities, fallback: str | None,
                      rules: EventRules) -> tuple[str | None, str | None]:
    """(place, its country) of the sentence's event."""
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in rules.location_preps and tok.head.pos_ in ("VERB", "AUX"):
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                m = ents.mention_at(pobj.i)
                name = m.entity.name if m else pobj.text
                country = (m.entity.country_code if m else None) or geo.country_code(name) or geo.city_country(name)
                return name, country
    if fallback:
        return fallback, geo.city_country(fallback) or geo.country_code(fallback)
    return None, None
