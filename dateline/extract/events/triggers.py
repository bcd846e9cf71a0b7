"""Triggers: the word of a sentence that reports its event, and the PLOVER type it codes.

A trigger is a verb or noun in the trigger tables (`vocab/plover_triggers.tsv`, backed by
`cameo_verbs.tsv`). The trigger highest in the sentence's tree wins, so "officials agreed that their
countries should cooperate" is AGREE; the project's own triggers go before CAMEO's. A light verb hands
over to its noun ("held talks" → CONSULT, "imposed sanctions" → SANCTION); a phrasal verb's particle
can change the event ("call for" → DEMAND, "pull out" → RETREAT).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from dateline.extract import doccache
from dateline.extract.events.rules import NO_EVENT, EventRules

NOUN_PENALTY = 0.5  # a verb before a noun at the same depth
CAMEO_PENALTY = 1.5  # the project's own triggers before CAMEO's at nearly the same depth


def trigger_type(tok: Token, rules: EventRules) -> str | None:
    """The PLOVER type a verb or noun codes, or None."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    lemma = tok.lemma_.lower()
    kind = rules.triggers.get((lemma, pos))
    if kind is None and pos == "NOUN" and lemma.endswith("s"):
        kind = rules.triggers.get((lemma[:-1], pos))
    if kind is None and pos == "NOUN":
        kind = rules.triggers.get((_hyphened_lemma(tok), pos))
    if lemma in rules.phrasal_lemmas:
        phrasal = _phrasal_type(tok, lemma, rules)
        if phrasal is not None:
            return None if phrasal == NO_EVENT else phrasal
        return None if lemma in rules.only_lemmas else kind
    return kind


def _hyphened_lemma(tok: Token) -> str:
    """"cease-fire", which the tokenizer splits, read as one word: "ceasefire" (or "" when not hyphened)."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 2].whitespace_ or doc[tok.i - 1].whitespace_:
        return ""
    return doc[tok.i - 2].lower_ + tok.lemma_.lower()


def is_own(tok: Token, rules: EventRules) -> bool:
    """The word codes by the project's own lists or one of its phrasal rules, not by CAMEO's bare verbs."""
    lemma = tok.lemma_.lower()
    return lemma in rules.own_lemmas or (lemma in rules.phrasal_lemmas and _phrasal_type(tok, lemma, rules) is not None)


def _phrasal_type(tok: Token, lemma: str, rules: EventRules) -> str | None:
    """The event of a verb with its particle or its object (what it is done to: the object, the subject
    of a passive, "sanctions were lifted", what it asks "for", or what a noun is "of": "the withdrawal of the
    nomination"). A preposition of time is no particle: "called the king on Saturday" telephoned him,
    "called on the king" demanded. An adverb may be one ("back away from", parsed as advmod)."""
    particles = {c.lower_ for c in tok.children if (c.dep_ in ("prt", "prep") and not _of_time(c, rules))
                 or (c.dep_ == "advmod" and c.pos_ == "ADV")}
    objects = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
    if tok.dep_ == "relcl" and not objects:
        objects.add(tok.head.lemma_.lower())  # "the price it charges customers", "the sanctions it lifted"
    objects |= {o.lemma_.lower() for c in tok.children if c.dep_ == "prep" and (
        c.lower_ == "for" or (c.lower_ == "of" and tok.pos_ in ("NOUN", "PROPN"))) for o in c.children if o.dep_ == "pobj"}
    modifiers = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    complements = {c.lower_ for c in tok.children if c.dep_ in ("oprd", "ccomp", "acomp", "xcomp")}
    for rule in rules.phrasal:
        if lemma in rule.lemmas and rule.matches(particles, objects, modifiers, complements):
            return rule.event_type
    return None


def _of_time(prep: Token, rules: EventRules) -> bool:
    return any(_names_a_time(o, rules) for o in prep.children if o.dep_ == "pobj")


def depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def choose_trigger(sent: Span, rules: EventRules) -> tuple[Token, str] | None:
    """The sentence's trigger and its type: the highest in the tree, verbs and own triggers first."""
    candidates = []
    for tok in doccache.tokens(sent.doc)[sent.start:sent.end]:
        kind = trigger_type(tok, rules)
        if kind is None or (tok.pos_ == "NOUN" and tok.dep_ not in rules.noun_links) or _names_a_time(tok, rules) \
                or _modifies_a_noun(tok, rules) or _light_verb_of_a_thing(tok, rules) or _mentioned(tok, rules):
            continue
        candidates.append((tok, kind))
    if not candidates:
        return None

    def rank(candidate: tuple[Token, str]) -> tuple[float, int]:
        tok = candidate[0]
        own = is_own(tok, rules)
        return depth(tok) + (NOUN_PENALTY if tok.pos_ == "NOUN" else 0) + (0 if own else CAMEO_PENALTY), tok.i

    tok, kind = min(candidates, key=rank)
    return _light_verb_object(tok, rules) or _sent_to_do(tok, rules) or (tok, kind)


def _modifies_a_noun(tok: Token, rules: EventRules) -> bool:
    """A verb form that is no predicate: an adjective ("planned imports"), a preposition ("according to"),
    a participle that describes its noun ("the economic rights endorsed by the United Nations", "Sy, backed
    by the government"; "the news that Brazil has suspended payments" has a subject and is reported)."""
    if tok.pos_ != "VERB":
        return False
    described = tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return described or tok.dep_ in rules.verb_modifier_links or tok.lower_ in rules.prepositional_verbs


def _mentioned(tok: Token, rules: EventRules) -> bool:
    """An event noun that its verb only speaks of, receives or wants ("cited a World Bank loan")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass") and \
        tok.head.lemma_.lower() in rules.mention_verbs


def _names_a_time(tok: Token, rules: EventRules) -> bool:
    """A month, a weekday or any word of a date or time ("March", "the May talks"'s May) reports no event;
    nor does a word of a named treaty or law ("contravened the 1976 Berne Agreement")."""
    return tok.lower_ in rules.calendar or tok.ent_type_ in ("DATE", "TIME") \
        or (tok.ent_type_ in ("LAW", "WORK_OF_ART") and tok.text[:1].isupper())


def _light_verb_object(tok: Token, rules: EventRules) -> tuple[Token, str] | None:
    """"held talks", "imposed sanctions": the trigger noun a light verb's object holds."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in rules.light_verbs or (
            lemma in rules.phrasal_lemmas and _phrasal_type(tok, lemma, rules)):
        return None  # "called off the strike" concedes: the particle decides, not the noun
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        for noun in (obj, *[g for g in obj.children if g.dep_ in ("compound", "amod")]):
            kind = trigger_type(noun, rules)
            if kind and not _names_a_time(noun, rules):
                return noun, kind
    return None


def _sent_to_do(tok: Token, rules: EventRules) -> tuple[Token, str] | None:
    """"sent experts to investigate the attacks", "sent a letter threatening to pull funding": what those
    sent are to do is the event, unless it is help or service (then the sending is aid)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in rules.sending_verbs:
        return None
    near = [*tok.children, *(g for c in tok.children if c.dep_ in ("dobj", "prep") for g in c.subtree)]
    for verb in near:
        purpose = verb.dep_ in ("xcomp", "advcl", "acl") and (
            verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))
        kind = trigger_type(verb, rules) if purpose and verb.pos_ == "VERB" else None
        if kind is not None and rules.quad_class[kind] != "material cooperation":
            return verb, kind
    return None


def _light_verb_of_a_thing(tok: Token, rules: EventRules) -> bool:
    """"hold a press conference", "made a profit": a light verb whose object is a thing that codes no event
    codes none itself (it still does for an actor: "held two soldiers")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in rules.thing_light_verbs or _light_verb_object(tok, rules):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    # the object, and what it is "of": "holding thousands of Tamil refugees"
    objects += [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"]
    return bool(objects) and not any(o.ent_type_ in rules.actor_labels or o.lemma_.lower() in rules.actor_nouns
                                     or o.pos_ in ("PROPN", "PRON") or any(c.ent_type_ in ("NORP", "GPE") for c in o.children)
                                     for o in objects)


def verb_of(tok: Token) -> Token:
    """The verb a noun trigger hangs from ("held talks" → held), or the trigger itself."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return tok


def trigger_and_verb(trigger: Token, verb: Token) -> list[Token]:
    """The trigger and the verb it hangs from (one token when the trigger is the verb)."""
    return [trigger] if trigger.i == verb.i else [trigger, verb]
