"""Modality: negation, refusal and intention, as PLOVER codes them.

Negated cooperation ("did not agree", "refused to meet") is REJECT with `negated` set. PLOVER codes
intentions and obligations as such: "will withdraw" is AGREE (or THREATEN with a condition or a
hostile act), "must return" is DEMAND, "willing to meet" is AGREE. The event's `mode` keeps what was
read: asserted, negated, future, conditional or obliged, so that no intention is taken for a fact.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dateline.extract.events.rules import EventRules
from dateline.extract.events.triggers import trigger_type

FUTURE_AUXES = frozenset({"will", "would", "shall", "'ll"})
OBLIGATION_AUXES = frozenset({"must", "should"})
POSSIBILITY_AUXES = frozenset({"could", "may", "might"})  # "could suspend payments if …": not a fact
KEPT_AS_STATED = frozenset({"AGREE", "DEMAND", "THREATEN", "REJECT", "DISAPPROVE"})  # an intention changes nothing


@dataclass(frozen=True)
class Mood:
    kind: str  # the event type once modality is read
    negated: bool
    mode: str  # asserted, negated, future, conditional or obliged (schema.EVENT_MODES)


def mood(trigger: Token, verb: Token, kind: str, rules: EventRules) -> Mood:
    """The event type once negation and modality are read, whether it is negated, and its mode."""
    negated = _is_negated(trigger, rules) or _is_negated(verb, rules)
    if (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in rules.refusal_verbs) or (
            verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in rules.refusal_nouns):
        negated = True  # "refused to meet", "the failure of the producers to agree quotas"
    if trigger.lemma_.lower() in rules.refusal_verbs and any(
            c.dep_ == "xcomp" and trigger_type(c, rules) in rules.cooperative for c in trigger.children):
        negated = True  # "refused to meet": a meeting that did not happen
    if negated:
        return Mood("REJECT" if kind in rules.cooperative else kind, True, "negated")
    return _modality(verb, kind, rules)


def _is_negated(tok: Token, rules: EventRules) -> bool:
    """"did not agree", "refused to meet" (via xcomp), and a subject that denies it: "None of the members
    has asked", "No country agreed"."""
    if any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children if tok.dep_ == "xcomp"):
        return True
    if tok.dep_ == "xcomp" and tok.head.dep_ == "acomp" and any(c.dep_ == "neg" for c in tok.head.head.children):
        return True  # "were not prepared to negotiate": the negation is on the copula of the readiness
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in rules.unreadiness:
        return True  # "is unlikely to back away", "unwilling to meet"
    holders = [tok, tok.head, tok.head.head] if tok.dep_ == "xcomp" and tok.head.dep_ == "acomp" else [tok]
    subjects = [c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in rules.negative_subjects or any(
        d.dep_ in ("det", "amod") and d.lower_ in rules.negative_determiners and not (d.i > 0 and d.nbor(-1).lower_ == "a")
        for d in s.children) for s in subjects)  # (the subject of "were prepared to" is the copula's)


def _modality(verb: Token, kind: str, rules: EventRules) -> Mood:
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.conditional_marks for c in verb.children):
        return Mood(kind, False, "conditional")  # "if Reagan sought a tax increase", "until it agrees": a condition
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    obliged = bool(auxes & OBLIGATION_AUXES)
    if obliged and kind != "DEMAND":
        return Mood("DEMAND", False, "obliged")
    if not (auxes & (FUTURE_AUXES | POSSIBILITY_AUXES) or _intended(verb, rules)):
        return Mood(kind, False, "obliged" if obliged else "asserted")
    marks = {g.lower_ for c in verb.children if c.dep_ == "advcl" for g in c.children if g.dep_ == "mark"}
    conditional = bool(auxes & POSSIBILITY_AUXES) or bool(marks & {"unless", "if"})
    mode = "conditional" if conditional else "future"
    if kind in KEPT_AS_STATED:
        return Mood(kind, False, mode)
    # "will withdraw its force unless a ceasefire is arranged" coerces; "would meet the mediator if he gave
    # them a veto" offers: a condition of "unless" makes a threat of any act, one of "if" only of a hostile act
    return Mood("THREATEN" if kind in rules.hostile or "unless" in marks else "AGREE", False, mode)


def _intended(verb: Token, rules: EventRules) -> bool:
    """"plans to withdraw", "is willing to meet", "ready to talk": an intention over the verb."""
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    if head.lemma_.lower() in rules.intent_heads or any(c.lower_ in rules.readiness for c in [head, *head.children]):
        return True
    if head.lemma_.lower() == "be" and any(c.lower_ in rules.readiness | {"able"} for c in head.children):
        return True
    return verb.head.lower_ in rules.readiness
