"""Actors: who acts and who is acted on, as written and as a country.

The source is the trigger verb's subject (climbing through conjoined and embedded verbs), the target
a recipient or an actor acted on before any thing acted on (`with` / `against` / `between` phrases
included). Their countries come from the entities they name, the country dictionary and, for people,
the titles the article gives them; "he" and "she" stand for the last person named before them.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline import geo
from dateline.extract import doccache, syntax
from dateline.extract.entities import ArticleEntities, Entity
from dateline.extract.events.politics import civilian, in_political_sentence, is_political, names_a_city, state_actor
from dateline.extract.events.rules import EventRules
from dateline.extract.events.triggers import trigger_and_verb, trigger_type
from dateline.extract.reference import Resolver

SUBJECT_CLIMB = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})  # verbs that share their head's subject
UNACTING_NAMES = ("LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE")  # names of things and places
NOT_ACTOR_LABELS = ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY")
NAME_PARTS = frozenset({"compound", "amod", "nmod", "poss"})
DOER_PREPS = frozenset({"of", "by", "from"})  # "the decision by Iran", "a delegation from Iran": who does it
PHRASE_LIMIT = 10  # words of an actor phrase, at most
# a country named just before a person, in their title or the words before it ("Pakistan's Foreign
# Minister …", "opposition groups in Zimbabwe demand that President Mugabe …"), is the person's country:
# a country mention that ends within NEARBY_END characters of the name, in the NEARBY_REACH before it
NEARBY_REACH, NEARBY_END = 60, 45


@dataclass
class Sides:
    """Who acts and who is acted on: as written (or the name they stand for), their countries, and
    whether each acts in politics."""

    source: str | None = None
    source_country: str | None = None
    target: str | None = None
    target_country: str | None = None
    source_political: bool = False
    target_political: bool = False  # or, for a name the dictionaries do not know, in a political sentence
    target_known_political: bool = False  # the state itself (a country, a government body), and the source is someone
    target_is_place: bool = False  # "in New York": where it happened, as the gold codes it, not whom it was done to
    target_of_a_thing: bool = False  # "its U.S. production schedule": a name that only qualifies the thing acted on
    source_civilian: bool = False  # workers, farmers, the press: people outside the state (politics.civilian)


def sides(sent: Span, trigger: Token, verb: Token, kind: str, ents: ArticleEntities, rules: EventRules,
          resolver: Resolver) -> Sides:
    subj, obj = _actor_tokens(trigger, verb, kind, rules)
    src, tgt = _actor_phrases(subj, obj, kind, rules)
    (source, source_country, source_entity), (target, target_country, target_entity) = \
        describe(src, ents, resolver), describe(tgt, ents, resolver)
    if source_country is None and src is not None and any(m.entity.type == "PERSON" for m in ents.in_span(src)):
        # "Planning Minister Tran Xuan Gia said Vietnam …": a person's country from the one country the sentence names
        named = {m.entity.country_code for m in ents.in_span(sent) if m.entity.country_code} - {target_country}
        if len(named) == 1:
            source_country = named.pop()
    target_known = is_political(tgt, target_entity, ents, rules)
    target_political = target_known if target_known is not None else in_political_sentence(sent, tgt, ents, rules)
    source_political = is_political(src, source_entity, ents, rules)
    target_state = target_known is True and obj is not None and not _place_phrase(obj, rules) \
        and not _owns_a_thing(obj, rules) and state_actor(tgt, target_entity, ents, rules)
    if source_political is None:
        # a name the dictionaries do not know acts in politics when what it acts on does ("The ELN will
        # release a former Colombian congressman"), not because its sentence names a country elsewhere
        source_political = target_known is True
    return Sides(source, source_country, target, target_country, source_political, target_political,
                 target_state and _someone(src, rules), obj is not None and _place_phrase(obj, rules),
                 obj is not None and _qualifies_a_thing(obj, rules), civilian(src, source_entity, rules))


def _qualifies_a_thing(tok: Token, rules: EventRules) -> bool:
    """A name that modifies a noun that is no actor: "British Rapier missiles", "its U.S. production"."""
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i and not is_actor(tok.head, rules)


def _owns_a_thing(tok: Token, rules: EventRules) -> bool:
    """A name that only owns or qualifies the thing acted on: "35 pct of Brazil's debt", "Canadian ski
    stick maker", "its business interests in South Africa"."""
    return (tok.dep_ == "poss" or _qualifies_a_thing(tok, rules)) and tok.head.i != tok.i and not is_actor(tok.head, rules)


def _place_phrase(tok: Token, rules: EventRules) -> bool:
    """A place named after a locative preposition ("a press conference in New York")."""
    while tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    return tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.dep_ == "pobj" and tok.head.lower_ in rules.locative_preps


def _someone(span: Span | None, rules: EventRules) -> bool:
    """A source that is someone (a person, a company, a body), not a document or a thing ("the MORI poll")."""
    if span is None:
        return False
    head = span.root
    lemma = head.lemma_.lower()
    if lemma in rules.reference.document_nouns or lemma in rules.market_objects:
        return False
    return is_actor(head, rules) or lemma in rules.business_words


def _actor_tokens(trigger: Token, verb: Token, kind: str, rules: EventRules) -> tuple[Token | None, Token | None]:
    subj = subject(verb)
    if subj is None and trigger.pos_ == "NOUN":
        subj = next((c for c in trigger.children if c.dep_ == "poss"), None) or _clause_subject(trigger)
    if subj is not None and not is_actor(subj, rules) and subj.lemma_.lower() not in rules.reference.document_nouns \
            and subj.lemma_.lower() not in rules.business_words:
        subj = actor_in(subj, rules, DOER_PREPS) or subj  # "Sweden's decision": Sweden; but "the MORI poll" is the
        # poll, "the Italian company" the company, and "the drop in U.S. orders" or "fires in southern China" no one
    if subj is not None and subj.ent_type_ in UNACTING_NAMES:
        subj = None  # "- Sept/Nov Lower Mississippi River 145 offered": a river, a law or a product does nothing
    obj = target(trigger, verb, rules, subj)
    speech = _speech_verb(verb, rules)
    if speech is not None:
        speaker = subject(speech)
        if kind == "DEMAND" and trigger_type(trigger, rules) != "DEMAND" and speaker is not None:
            obj, subj = subj, speaker  # "Russia said Sudan must return the helicopter": Russia demands of Sudan
        elif subj is not None and subj.pos_ == "PRON" and speaker is not None:
            subj = speaker  # "Palestinian leaders said they would boycott …"
    return subj, obj


def _clause_subject(noun: Token) -> Token | None:
    """The subject of the clause a noun trigger sits in, through its preposition ("Teachers went on strike")."""
    node, hops = noun, 0
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and hops < 3:
        node, hops = node.head, hops + 1
    return subject(node) if node.pos_ in ("VERB", "AUX") and node.i != noun.i else None


def _speech_verb(verb: Token, rules: EventRules) -> Token | None:
    """The speech verb a clause reports, through conjoined verbs: "said they will lay down their weapons
    and accept state rule" → said."""
    for node in syntax.clause_chain(verb, frozenset({"conj"}), limit=4):
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in rules.speech_verbs:
            return node.head
    return None


def _actor_phrases(subj: Token | None, obj: Token | None, kind: str, rules: EventRules) -> tuple[Span | None, Span | None]:
    src = phrase(subj) if subj is not None else None
    tgt = phrase(obj) if obj is not None else None
    if (obj is None or not is_actor(obj, rules)) and subj is not None and kind in rules.symmetric:
        # "Pakistan and Russia agreed": the first conjunct is the source, the second the target
        conj = next((c for c in subj.children if c.dep_ == "conj"), None)
        if conj is not None:
            src = _trim_span(subj.doc[phrase(subj).start:max(subj.i + 1, min(t.i for t in conj.subtree) - 1)])
            tgt = phrase(conj)
    return src, tgt


def subject(verb: Token) -> Token | None:
    """The verb's subject (or the agent of a passive), shared along conjoined and embedded verbs;
    the noun a relative clause hangs from."""
    for node in syntax.clause_chain(verb, SUBJECT_CLIMB, limit=6):
        for c in node.children:
            if c.dep_ == "nsubj":
                return node.head if node.dep_ == "relcl" and c.tag_ in ("WP", "WDT") else c  # "Smith, who said": Smith
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if node.dep_ == "relcl":
            return node.head
    return None


def is_actor(tok: Token, rules: EventRules) -> bool:
    return tok.ent_type_ in rules.actor_labels or (tok.lemma_.lower() in rules.actor_nouns and tok.pos_ != "ADJ") \
        or (tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_ACTOR_LABELS)


def actor_in(tok: Token, rules: EventRules, preps: frozenset[str] | None = None) -> Token | None:
    """The actor a phrase names: its head, or an actor that modifies or owns it ("Sweden's decision",
    "a US offer", "settlements in the Gaza Strip"), through any preposition or only `preps`."""
    if is_actor(tok, rules):
        return tok
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and is_actor(child, rules) \
                and not (child.dep_ != "poss" and names_a_city(child)):
            return child
    for t in _own_phrase(tok, preps):
        if t.ent_type_ in rules.actor_labels \
                and not (t.dep_ in ("compound", "amod") and t.head.lemma_.lower() in rules.business_words) \
                and not (t.dep_ in ("compound", "amod", "nmod") and names_a_city(t)):
            # "three California corporations" are businesses, not California; "a Newark-Las Vegas flight" is
            # no act of Newark: a city that names a thing does not own it (a country does: "a US offer")
            ent = next((e for e in doccache.ents(t.doc) if e.start <= t.i < e.end), None)
            return ent.root if ent is not None else t
    return None


def _own_phrase(tok: Token, preps: frozenset[str] | None = None):
    """The words of a phrase, of its own prepositions ("settlements in the Gaza Strip") and of a passive's
    agent ("missiles fired by the Israeli military"), not of the phrases those hold in turn ("talks aimed
    at extending the life of its U.S. plant")."""
    for c in tok.children:
        if c.dep_ in NAME_PARTS or c.dep_ == "appos":
            yield from _name_of(c)
        elif (c.dep_ == "prep" and (preps is None or c.lower_ in preps)) or c.dep_ == "acl":
            held = (g for g in c.children if g.dep_ == "agent") if c.dep_ == "acl" else (c,)
            for prep in held:
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    yield from _name_of(pobj)


def _name_of(tok: Token):
    """A noun and its modifiers, through compounds of compounds ("the Islamic State group")."""
    yield tok
    for c in tok.children:
        if c.dep_ in NAME_PARTS or c.dep_ == "conj":
            yield from _name_of(c)


def target(trigger: Token, verb: Token, rules: EventRules, source: Token | None = None) -> Token | None:
    """The target: a recipient or an actor acted on, before any thing acted on."""
    retreating = verb.lemma_.lower() in rules.retreat_verbs
    source_ids = {t.i for t in source.subtree} if source is not None else set()
    ranked: list[tuple[int, Token]] = []
    for node in _target_nodes(trigger, verb):
        for c in node.children:
            if c.i in source_ids or c.i == trigger.i:
                continue
            found = _ranked_target(c, verb, retreating, rules)
            if found is not None:
                ranked.append(found)
    if not ranked:
        return None
    return min(ranked, key=lambda r: (r[0], r[1].i))[1]


def _target_nodes(trigger: Token, verb: Token) -> list[Token]:
    """The trigger, its verb and the infinitives under them: "offered to hand over to Great Britain"."""
    nodes = trigger_and_verb(trigger, verb)
    for node in list(nodes):
        for c in node.children:
            if c.dep_ == "xcomp":
                nodes.append(c)
                nodes.extend(g for g in c.children if g.dep_ == "xcomp")
    return nodes


def _ranked_target(c: Token, verb: Token, retreating: bool, rules: EventRules) -> tuple[int, Token] | None:
    """A child of the trigger or its verb as a target candidate, ranked (lower first), or None."""
    if c.dep_ == "dative":
        return 0, c
    if c.dep_ == "dobj":
        actor = _actor_of(c, rules)
        return (1, actor) if actor is not None else (5, c)
    if c.dep_ == "nsubjpass":
        return (2, c) if is_actor(c, rules) else (6, c)
    if c.dep_ == "prep":
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
            return None
        actor = _actor_of(pobj, rules)
        if actor is None:
            return None
        if retreating and c.lower_ in ("from", "out"):
            return 0, actor  # "withdraw its troops from Lebanon": the place left is the target
        return (2 if c.lower_ in rules.first_target_preps else 4), actor
    if c.dep_ in ("xcomp", "ccomp") and verb.lemma_.lower() in rules.verbal_cues:
        sub = next((g for g in c.children if g.dep_ in ("nsubj", "dobj")), None)
        if sub is not None:
            return 3, sub
    return None


def _actor_of(tok: Token, rules: EventRules) -> Token | None:
    """The actor a target phrase names; a business is itself, not the place that modifies it
    ("three California corporations" are no California)."""
    return tok if tok.lemma_.lower() in rules.business_words else actor_in(tok, rules)


def phrase(tok: Token, limit: int = PHRASE_LIMIT) -> Span:
    """An actor's phrase: its noun phrase without clauses and punctuation, without a leading article."""
    doc = tok.doc
    toks = [t for t in syntax.clause_free_subtree(tok) if not t.is_punct or t.text in ("'s", "’s", "-")]
    if not toks:
        return doc[tok.i:tok.i + 1]
    start, end = min(t.i for t in toks), max(t.i for t in toks) + 1
    while start < end and doc[start].dep_ in ("det", "cc", "punct") and doc[start].lower_ in ("the", "a", "an", ",", "and"):
        start += 1
    if end - start > limit:
        start, end = max(start, tok.i - limit + 1), tok.i + 1
    return doc[start:end]


def _trim_span(span: Span) -> Span:
    start, end = span.start, span.end
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].dep_ == "cc"):
        end -= 1
    return span.doc[start:end]


def describe(span: Span | None, ents: ArticleEntities, resolver: Resolver) -> tuple[str | None, str | None, Entity | None]:
    """An actor's text, country and entity; a pronoun or a definite "the company", "the government"
    stands for the entity it refers back to (extract/reference.py)."""
    if span is None or len(span) == 0:
        return None, None, None
    mention = ents.mention_at(span.root.i) if len(span) <= 2 or span.root.ent_type_ else None
    if mention is not None and (len(span) <= 2 or span.root.tag_ == "POS" or span[-1].tag_ == "POS"):
        return mention.entity.name, mention.entity.country_code or actor_country(span, ents), mention.entity
    if _refers_back(span):
        reference = resolver.refer(span)
        entity = reference.entity
        if entity is not None:
            country = entity.country_code or (person_country(entity.name, ents, span.doc) if entity.type == "PERSON" else None)
            return entity.name, country, entity
        if reference.group:
            return reference.group, geo.country_in_text(reference.group), None  # "they": the group named before
    inside = ents.in_span(span)
    return span.text, actor_country(span, ents), inside[0].entity if len(inside) == 1 and span.root.pos_ == "PROPN" else None


def _refers_back(span: Span) -> bool:
    """A pronoun, or a short definite noun phrase ("the company", "the central bank")."""
    if len(span) == 1:
        return span[0].pos_ == "PRON"
    return len(span) <= 3 and span[0].lower_ in ("the", "this", "that") and span.root.pos_ == "NOUN"


def actor_country(span: Span | None, ents: ArticleEntities) -> str | None:
    if span is None:
        return None
    for m in ents.in_span(span):
        if m.entity.country_code:
            return m.entity.country_code
    code = geo.country_in_text(span.text)
    if code:
        return code
    for m in ents.in_span(span):
        if m.entity.type == "PERSON":
            code = person_country(m.entity.name, ents, span.doc)
            if code:
                return code
    return None


def person_country(name: str, ents: ArticleEntities, doc: Doc) -> str | None:
    """A person's country: the dictionary's leaders, else a country named just before them."""
    for part in (name, name.split()[-1]):
        code = geo.country_code(part)
        if code:
            return code
    for m in ents.mentions:
        if m.entity.name == name:
            before = syntax.words_before(doc, m.start, NEARBY_REACH)
            for n in reversed(ents.in_span(before) if before is not None else []):
                if n.entity.country_code and n.end > m.start - NEARBY_END:
                    return n.entity.country_code
    return None
