"""Politics: whether an actor acts in politics. A country or its people, a government body, a party,
an armed group, the police, an international organisation (the Phoenix actor dictionaries), or a person
in such a role; not a company, not a market, not a document. An event is kept when its source is one
(or, with no source written, its target is): a company buying shares is no event.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline import geo
from dateline.extract import syntax
from dateline.extract.entities import ArticleEntities, Entity
from dateline.extract.events.rules import EventRules

PLACES = ("GPE", "NORP", "LOC", "FAC")  # a place acting is its government ("Moscow said")


def is_political(span: Span | None, entity: Entity | None, ents: ArticleEntities, rules: EventRules) -> bool:
    if span is None or len(span) == 0:
        return False
    if entity is not None:
        return political_entity(entity, ents, span.doc, rules)
    head = span.root.lemma_.lower()
    if rules.agents.get(head) is None and (head in rules.reference.document_nouns or head in rules.business_roles):
        return False  # "the MORI poll", "a Shell executive" (a newspaper, though, is the press: it acts)
    if any(political_entity(m.entity, ents, span.doc, rules) for m in ents.in_span(span)):
        return True  # "Member of Parliament Tanmanjeet Singh Dhesi", "Rebel fighters in the Deraa countryside"
    sector = _sector(span.text, rules)
    if sector is not None:
        return sector != "BUS"
    if head in rules.political_roles or head in rules.actor_nouns:
        return True
    # a name the model did not see ("the ELN", "Sisi"): an actor unless it is named like a company
    return span.root.pos_ == "PROPN" and span.root.text[:1].isupper() and _political_body(span.text, rules)


def political_entity(entity: Entity, ents: ArticleEntities, doc: Doc, rules: EventRules) -> bool:
    if entity.type in PLACES:
        return True
    if entity.type == "ORG":
        return _political_body(entity.name, rules)
    if entity.type == "PERSON":
        return _political_person(entity, ents, doc, rules)
    return False


def _political_body(name: str, rules: EventRules) -> bool:
    """Any organisation but one named like a company ("… Inc", "… AG") or for a business ("… Airlines"):
    governments, parties, armed groups, IGOs and NGOs are named in too many ways to list."""
    words = name.replace("<", " ").replace(">", " ").replace("(", " ").replace(")", " ").split()
    if not words or words[-1].rstrip(".") in rules.company_suffixes:
        return False
    if name.lower() in rules.international or geo.country_code(name):
        return True
    return _sector(" ".join(words), rules) != "BUS"


def _political_person(entity: Entity, ents: ArticleEntities, doc: Doc, rules: EventRules) -> bool:
    """A known leader, or a person whose title or apposition somewhere in the article gives a political
    role; not one whose role is in business ("chairman", "president of Acme Inc")."""
    if geo.country_code(entity.name) or geo.country_code(entity.name.split()[-1]):
        return True
    roles = [_role_words(doc, ents, m.token_start, m.token_end) for m in ents.mentions if m.entity is entity]
    for words, bodies in roles:
        if any(b.type == "ORG" and not _political_body(b.name, rules) for b in bodies) \
                or any(w in rules.business_roles or rules.agents.get(w) == "BUS" for w in words):
            return False
    return True


def _role_words(doc: Doc, ents: ArticleEntities, start: int, end: int) -> tuple[set[str], list[Entity]]:
    """The words of a person's title and apposition, and the bodies named in them."""
    title = syntax.title_before(doc, start, end)
    root = next((t for t in doc[start:end] if not start <= t.head.i < end), doc[end - 1])
    tokens = list(title) + [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    bodies = [m.entity for t in tokens for m in [ents.mention_at(t.i)] if m is not None and m.entity.type == "ORG"]
    return {t.lemma_.lower() for t in tokens}, bodies


def _sector(text: str, rules: EventRules) -> str | None:
    """The Phoenix sector of the longest agent noun that ends the phrase ("Israeli soldiers" → MIL)."""
    words = [w.lower() for w in text.split() if w.lower() not in ("the", "a", "an")]
    for k in range(len(words)):
        phrase = " ".join(words[k:])
        sector = rules.agents.get(phrase) or rules.agents.get(phrase[:-1] if phrase.endswith("s") else "")
        if sector:
            return sector
    return None
