"""Events: PLOVER event coding from the parse, one event for each sentence that reports one.

The passes, in order, one module each:
    triggers   the word that reports the event and its PLOVER type
    modality   negation, refusal, intention and obligation
    actors     source and target, as written and as countries
    dates      when, against the article's date
    places     where, else the dateline city
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline.extract.entities import ArticleEntities
from dateline.extract.events import actors, dates, modality, places, triggers
from dateline.extract.events.rules import EventRules
from dateline.records import Event


def extract_events(doc: Doc, ents: ArticleEntities, rules: EventRules, article_date: str | None = None,
                   dateline_city: str | None = None) -> list[Event]:
    events = []
    for sent in doc.sents:
        event = _code_sentence(sent, ents, rules, article_date, dateline_city)
        if event is not None:
            events.append(event)
    return events


def _code_sentence(sent: Span, ents: ArticleEntities, rules: EventRules, article_date: str | None,
                   dateline_city: str | None) -> Event | None:
    chosen = triggers.choose_trigger(sent, rules)
    if chosen is None:
        return None
    trigger, kind = chosen
    verb = triggers.verb_of(trigger)
    kind, negated = modality.mood(trigger, verb, kind, rules)
    (source, source_country), (target, target_country) = actors.sides(sent, trigger, verb, kind, ents, rules)
    location, location_country = places.sentence_location(sent, ents, dateline_city, rules)
    return Event(
        event_type=kind, quad_class=rules.quad_class[kind], trigger=trigger.text,
        source_actor=source, source_country=source_country, target_actor=target, target_country=target_country,
        event_date=dates.sentence_date(sent, article_date, rules), location=location, location_country=location_country,
        sentence_start=sent.start_char, sentence_end=sent.end_char, negated=negated,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text))
