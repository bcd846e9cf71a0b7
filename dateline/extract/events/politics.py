"""Politics: whether an actor acts in politics. A country or its people, a government body, a party,
an armed group, the police, an international organisation (the Phoenix actor dictionaries), or a person
in such a role; not a company, not a market, not a document. An event is kept when its source is one
(or, with no source written, its target is): a company buying shares is no event.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline import geo
from dateline.extract import doccache, syntax
from dateline.extract.entities import ArticleEntities, Entity
from dateline.extract.events.rules import EventRules

PLACES = ("GPE", "NORP", "LOC", "FAC")  # a place acting is its government ("Moscow said")
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})  # Phoenix sectors of the state


def is_political(span: Span | None, entity: Entity | None, ents: ArticleEntities, rules: EventRules) -> bool | None:
    """True for an actor in politics, False for none (a company, a market, a document), None for a name
    the dictionaries do not know either way ("the ELN", "Calny"): its sentence decides (`in_political_sentence`)."""
    if span is None or len(span) == 0:
        return False
    role = span.root.lemma_.lower()
    if (role in rules.business_roles or role in rules.agents) and _role_of_a_body(span.root, ents, rules):
        return True  # "the chairman of the African Union Commission"
    if any(t.lemma_.lower() in rules.business_roles and (t.i == span.root.i or not _role_of_a_body(t, ents, rules))
           for t in (span.root, *span.root.conjuncts)):  # (the head's body was looked at just above)
        return False  # "president and chief executive Rhys Eaton": a role in business, not of a political body
    if entity is not None:
        return political_entity(entity, ents, span.doc, rules)
    if _of_a_business(span, ents, rules):
        return False  # "representatives of CBS Inc", "an American Motors spokesman", "the committee of its board"
    members = _members(span.root, rules)
    if members is not None:
        return is_political(span.doc[members.left_edge.i:members.i + 1], None, ents, rules)
    head = span.root.lemma_.lower()
    head_sector = rules.agents.get(head)
    if head_sector is not None:
        return head_sector != "BUS"  # "police in Lagos", "Japanese banks"; a newspaper is the press: it acts
    if head in rules.reference.document_nouns or head in rules.business_bodies:
        return False  # "the MORI poll", "a Shell executive", "creditor banks of Teck Hock"
    own = ents.mention_at(span.root.i)
    if own is not None and own.entity.type == "ORG" and political_entity(own.entity, ents, span.doc, rules) is False:
        return False  # "Taiwan's state-owned China Shipbuilding Corp" is the company, not Taiwan
    named = [political_entity(m.entity, ents, span.doc, rules) for m in _named_in(span, ents)]
    if True in named:
        return True  # "Member of Parliament Tanmanjeet Singh Dhesi", "Iraqi officials"
    if head in rules.collective_nouns and not _collective_in_politics(span.root, named, rules):
        return None if None in named else False  # "the Redstone group", "the management group"
    sector = _sector(span.text, rules)
    if sector is not None:
        return sector != "BUS"
    if head in rules.political_roles or head in rules.actor_nouns:
        return True
    if None in named or (span.root.pos_ == "PROPN" and span.root.text[:1].isupper()):
        return None if not _company_name(span.text, rules) else False
    return False


def _collective_in_politics(head: Token, named: list, rules: EventRules) -> bool:
    """A group is what names it: not one named for a business or its organs ("the management group"), nor one
    whose name the dictionaries do not know ("the Redstone group"); else what the actor nouns say of it."""
    business = rules.business_words | rules.company_organs
    return not named and not any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in business for c in head.children)


def civilian(span: Span | None, entity: Entity | None, rules: EventRules) -> bool:
    """Whether an actor is people outside the state: workers, farmers, teachers, the press ("the union",
    "cattlemen", "bolivian central bank employees", "the Dutch transport union, FNV", "United Auto Workers")."""
    if span is None or len(span) == 0:
        return False
    heads = [span.root.lemma_.lower()] if not span.root.ent_type_ else []  # (a name's head is its entity's)
    heads += [c.lemma_.lower() for c in span.root.children if c.dep_ == "compound" and not c.ent_type_]  # "union members"
    if entity is not None and entity.type == "ORG":
        if _known_body(entity.name, rules, state_only=True) or entity.name.lower() in rules.international:
            return False
        heads.append(_name_head(entity.name))
    by_head = {rules.agents.get(h) or _agent_sector(h, rules) for h in heads} - {"CVL"}
    if any(h in rules.civilian_roles or h.rstrip("s") in rules.civilian_roles for h in heads) \
            or by_head & rules.civilian_sectors:
        return True
    # a people is no civilian class: "members of Myanmar's Rohingya community", "Palestinians of the West Bank"
    named_as = span.doc[span.start:span.root.i + 1].text  # "union members" (not "… at the other plants")
    return not any(t.ent_type_ in ("GPE", "NORP") for t in span) and _sector(named_as, rules) in rules.civilian_sectors


def _name_head(name: str) -> str:
    """The head word of a name: "United Auto Workers" → workers, "Writers Guild of America" → guild."""
    words = _name_words(name.split(" of ")[0])
    return words[-1].lower() if words else ""


def _role_of_a_body(role: Token, ents: ArticleEntities, rules: EventRules) -> bool:
    """Whether a role is "of" a political body the dictionaries know ("chairman of the Senate committee")."""
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            kinds = {political_entity(m.entity, ents, role.doc, rules) for t in pobj.subtree
                     for m in [ents.mention_at(t.i)] if m is not None}
            if True in kinds and False not in kinds:
                return True  # (not "of Goodyear Tire and Rubber Co", a company whatever its first words)
            sector = _sector(" ".join(t.text for t in pobj.subtree), rules)
            if sector is not None and sector != "BUS":
                return True
    return False


def _of_a_business(span: Span, ents: ArticleEntities, rules: EventRules) -> bool:
    """A role or body of a business: "of" one (`_role_of_a_business`), or named only for businesses."""
    named = [political_entity(m.entity, ents, span.doc, rules) for m in _named_in(span, ents)]
    return _role_of_a_business(span.root, ents, rules) or (bool(named) and all(n is False for n in named))


def _role_of_a_business(role: Token, ents: ArticleEntities, rules: EventRules) -> bool:
    """Whether a role or a body is "of" a business: a company the article names, a business noun, or an
    unnamed organ of a company ("its board")."""
    unnamed_business = rules.business_bodies | rules.company_organs  # (not "of the West Bank")
    return any(g.dep_ == "pobj" and (business_named(g, ents, rules)
                                     or (g.lemma_.lower() in unnamed_business and ents.mention_at(g.i) is None))
               for p in role.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)


def state_actor(span: Span | None, entity: Entity | None, ents: ArticleEntities, rules: EventRules) -> bool:
    """Whether an actor is the state: a country, a government body, an international organisation, a
    person in office or an agent of the state ("the finance ministry", "police"); not a city, a union,
    a company or its people. What a company does is an event only when done to the state."""
    if span is None or len(span) == 0:
        return False
    if entity is not None:
        if entity.type in ("GPE", "NORP"):
            return geo.country_code(entity.name) is not None
        return entity.type in ("ORG", "PERSON") and political_entity(entity, ents, span.doc, rules) is True
    head = span.root.lemma_.lower()
    sector = rules.agents.get(head) or _sector(span.text, rules)
    return sector in STATE_SECTORS or head in rules.state_roles or _known_body(span.text, rules, state_only=True)


def business_named(tok: Token, ents: ArticleEntities, rules: EventRules) -> bool:
    """Whether a word names an organisation the article shows as a business ("American Medical", "<TWA>")."""
    mention = ents.mention_at(tok.i)
    return mention is not None and mention.entity.type == "ORG" and \
        political_entity(mention.entity, ents, tok.doc, rules) is False


def _members(head: Token, rules: EventRules) -> Token | None:
    """What a collective is of: "group of major lenders" → lenders, "a group composed of stockholders" → stockholders."""
    if head.lemma_.lower() not in rules.collective_nouns:
        return None
    for node in (head, *[c for c in head.children if c.dep_ == "acl"]):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"):
            member = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if member is not None:
                return member
    return None


def in_political_sentence(sent: Span, actor: Span | None, ents: ArticleEntities, rules: EventRules) -> bool:
    """Whether a sentence names a country, a nationality, an actor the dictionaries know or a political
    role beside its actor: "The ELN said it will release a former Colombian congressman"."""
    inside = range(actor.start, actor.end) if actor is not None else range(0)
    for tok in sent:
        if tok.i in inside:
            continue
        mention = ents.mention_at(tok.i)
        if mention is not None and mention.token_start == tok.i and _known_political(mention.entity, ents, sent.doc, rules):
            return True
        if mention is None and (tok.lemma_.lower() in rules.political_roles
                                or rules.agents.get(tok.lemma_.lower()) not in (None, "BUS", "MED")):
            return True
    return False


def _known_political(entity: Entity, ents: ArticleEntities, doc: Doc, rules: EventRules) -> bool:
    if entity.type in ("GPE", "NORP"):
        return geo.country_code(entity.name) is not None  # a country or a people, not a city
    return entity.type in ("ORG", "PERSON") and political_entity(entity, ents, doc, rules) is True


def names_a_city(tok: Token) -> bool:
    """A word of a city's name (not a country's): "a Newark-Las Vegas flight" is no act of Newark."""
    if tok.ent_type_ != "GPE":
        return False
    ent = next((e for e in doccache.ents(tok.doc) if e.start <= tok.i < e.end), None)
    return ent is not None and geo.city_country(ent.text) is not None and not geo.is_country_name(ent.text)


def _named_in(span: Span, ents: ArticleEntities) -> list:
    """The names that make up a phrase's head or modify it ("Iraqi officials"), not those in its
    prepositions ("Utilization of rigs in the Gulf of Mexico" is no actor of the Gulf), nor a city that
    names a thing ("a Newark-Las Vegas flight")."""
    root = span.root
    heads = {root.i} | {c.i for c in root.children if c.dep_ in ("compound", "amod", "poss", "nmod", "appos")
                        and not (c.dep_ != "poss" and names_a_city(c))}
    mentions = [ents.mention_at(i) for i in sorted(heads)]
    return [m for m in mentions if m is not None]


def political_entity(entity: Entity, ents: ArticleEntities, doc: Doc, rules: EventRules) -> bool | None:
    if entity.type in PLACES:
        return True
    if entity.type == "ORG":
        if _company_name(entity.name, rules):
            return False
        if _known_body(entity.name, rules):
            return True  # (a body the dictionaries know stays one beside a business word: "EC producers")
        return False if _called_a_business(entity, ents, doc, rules) else None
    if entity.type == "PERSON":
        return _political_person(entity, ents, doc, rules)
    return False


def _name_words(name: str) -> list[str]:
    return name.replace("<", " ").replace(">", " ").replace("(", " ").replace(")", " ").split()


def _known_body(name: str, rules: EventRules, state_only: bool = False) -> bool:
    """An IGO or armed group of the actor dictionaries, a country's body ("White House"), or a name holding
    a political agent ("Ministry of Finance", "Workers' Party", "UN Support Mission"); with `state_only`,
    an agent of the state ("Ministry of Finance", not "Three black workers")."""
    words = _name_words(name)
    if name.lower() in rules.international or geo.country_code(name) or any(w.lower() in rules.international for w in words):
        return True  # a country's name inside another ("Air UK", "Royal Dutch Shell") makes no body of it
    sector = _sector_within(words, rules)
    return sector in STATE_SECTORS if state_only else sector is not None and sector != "BUS"


def _company_name(name: str, rules: EventRules) -> bool:
    """Named like a company ("… Inc", "… AG") or a business ("… Airlines")."""
    words = _name_words(name)
    if not words or words[-1].rstrip(".") in rules.company_suffixes:
        return True
    if len(words) > 2 and words[1].lower() == "of" and words[0].lower() in rules.business_bodies:
        return True  # "Bank of America", "Bank of Tokyo": a business named after a place
    last = words[-1].lower().strip(".,'")
    if name.lower() not in rules.international and (last in rules.business_bodies or last[:-1] in rules.business_bodies) \
            and _sector_within(words, rules) in (None, "BUS"):
        return True  # "KLM Royal Dutch Airlines": named for its business, whatever country it names
    if _known_body(name, rules):
        return False
    return _sector_within(words, rules) == "BUS" or _sector(" ".join(words), rules) == "BUS"


def _called_a_business(entity: Entity, ents: ArticleEntities, doc: Doc, rules: EventRules) -> bool:
    """Whether the article shows an organisation as a business: written as Reuters writes companies
    (<TWA>), or owning or named beside a business noun ("TWA's offer", "Calny, a franchise operator")."""
    business = rules.business_bodies | rules.market_objects | rules.business_roles
    text = doccache.text(doc)
    for m in ents.mentions:
        if m.entity is not entity:
            continue
        if text[max(0, m.start - 1):m.start] == "<" or text[m.end:m.end + 1] == ">":
            return True
        root = next((t for t in doc[m.token_start:m.token_end] if not m.token_start <= t.head.i < m.token_end),
                    doc[m.token_end - 1])
        if root.dep_ in ("poss", "compound") and root.head.lemma_.lower() in business:
            return True
        if any(c.dep_ == "appos" and c.lemma_.lower() in business for c in root.children):
            return True
    return False


def _political_person(entity: Entity, ents: ArticleEntities, doc: Doc, rules: EventRules) -> bool | None:
    """A known leader, or a person whose title or apposition somewhere in the article gives a political
    role; not one whose role is in business ("chairman", "president of Acme Inc"); else unknown."""
    if geo.country_code(entity.name) or geo.country_code(entity.name.split()[-1]):
        return True
    political = True if any(w.lower().rstrip(".") in rules.political_roles for w in entity.name.split()[:-1]) else None
    # ("Sen. David Boren": a title the model took into the name)
    for words, bodies in (_role_words(doc, ents, m.token_start, m.token_end) for m in ents.mentions if m.entity is entity):
        body_kinds = {political_entity(b, ents, doc, rules) for b in bodies if b.type == "ORG"}
        in_politics = any(w in rules.political_roles or rules.agents.get(w) not in (None, *rules.private_sectors)
                          for w in words)
        if False in body_kinds or (True not in body_kinds and any(
                w in rules.business_roles or rules.agents.get(w) == "BUS"
                or (rules.agents.get(w) in rules.private_sectors and not in_politics) for w in words)):
            return False  # a chairman of a company (not of the African Union Commission), "Chicago physician LeRoy
            # Pesch" (not "coalition spokesperson Colonel Turki al-Malki")
        if in_politics or any(b.type != "ORG" or political_entity(b, ents, doc, rules) for b in bodies):
            political = True
    return political


def _role_words(doc: Doc, ents: ArticleEntities, start: int, end: int) -> tuple[set[str], list[Entity]]:
    """The words of a person's title, apposition and "of" phrase ("Dillard Spriggs of Petroleum Analysis Ltd"),
    and the bodies named in them; abbreviations without their dot ("Sen.", "Rep.")."""
    title = syntax.title_before(doc, start, end)
    root = next((t for t in doc[start:end] if not start <= t.head.i < end), doc[end - 1])
    tokens = list(title) + [t for c in root.children if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of")
                            for t in c.subtree]
    bodies = [m.entity for t in tokens for m in [ents.mention_at(t.i)] if m is not None and m.entity.type in ("ORG", *PLACES)]
    return {t.lemma_.lower().rstrip(".") for t in tokens}, bodies


def _sector(text: str, rules: EventRules) -> str | None:
    """The Phoenix sector of the longest agent noun that ends the phrase ("Israeli soldiers" → MIL)."""
    words = [w.lower() for w in text.split() if w.lower() not in ("the", "a", "an")]
    for k in range(len(words)):
        sector = _agent_sector(" ".join(words[k:]), rules)
        if sector:
            return sector
    return None


def _sector_within(words: list[str], rules: EventRules) -> str | None:
    """The Phoenix sector of the longest agent phrase anywhere in a name ("Ministry of Finance" → GOV)."""
    lowered = [w.lower().strip(".,'") for w in words]
    for size in range(len(lowered), 0, -1):
        for k in range(len(lowered) - size + 1):
            sector = _agent_sector(" ".join(lowered[k:k + size]), rules)
            if sector:
                return sector
    return None


def _agent_sector(phrase: str, rules: EventRules) -> str | None:
    """The sector of an agent phrase, also in the plural ("soldiers", "heads of state")."""
    first, _, rest = phrase.partition(" ")
    return rules.agents.get(phrase) or (rules.agents.get(phrase[:-1]) if phrase.endswith("s") else None) \
        or (rules.agents.get(f"{first[:-1]} {rest}") if rest and first.endswith("s") else None)
