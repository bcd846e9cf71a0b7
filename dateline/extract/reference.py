"""Reference: whom a speaker or an actor that names no one stands for, among the article's entities.

The project's own rules (no coreference model installs offline here: coreferee and fastcoref need
downloads). In order:
    named      the span names an entity itself ("Qureshi", "the Bank of England")
    resolved   a pronoun or a definite noun phrase refers back to one: "he" / "she" → the last person
               named; "it" / "the company" / "the bank" → the organisation named before it (the last
               one that was a subject, whose name holds the noun when it can); "the government" → the
               country; "the minister" → the person with that title; "a company spokesman" → the company
    group      a group of people, never one: "they", "analysts", "officials", "banking sources"
    document   a text that says something: "the report", "a statement"
    unresolved none of these; the name stays NULL
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.extract import syntax
from dateline.extract.entities import ArticleEntities, Entity, Mention
from dateline.vocab import Vocab, word_field

FILE = "shared.toml"
ORGANISATIONS = ("ORG",)
MODIFYING_CLAUSES = ("acl", "relcl")  # "The commission, headed by Sen. John Tower": Tower is not the speaker
COUNTRIES = ("GPE",)
NAMING = ("ORG", "GPE", "NORP")  # labels of names that speak or act as a body
OTHERS_PREPS = ("to", "for", "of", "with")  # "an aide to Lyng", "a lobbyist with ties to Reagan": someone else
# (but "statements by Volcker" are his)


@dataclass(frozen=True, eq=False)
class ReferenceRules:
    person_pronouns: frozenset[str]
    title_words: frozenset[str]
    actor_nouns: frozenset[str]  # nouns that name actors (vocab/actor_nouns.txt): a group "they" can be
    organisation_pronouns: frozenset[str] = word_field("reference.organisation_pronouns")
    group_pronouns: frozenset[str] = word_field("reference.group_pronouns")
    relative_pronouns: frozenset[str] = word_field("reference.relative_pronouns")
    organisation_nouns: frozenset[str] = word_field("reference.organisation_nouns")
    indefinite_ones: frozenset[str] = word_field("reference.indefinite_ones")
    country_nouns: frozenset[str] = word_field("reference.country_nouns")
    speaking_for: frozenset[str] = word_field("reference.speaking_for")
    person_nouns: frozenset[str] = word_field("reference.person_nouns")
    speaking_roles: frozenset[str] = word_field("reference.speaking_roles")
    document_nouns: frozenset[str] = word_field("reference.document_nouns")

    @classmethod
    def from_vocab(cls, vocab: Vocab, shared: syntax.SharedWords) -> "ReferenceRules":
        return cls(shared.person_pronouns, shared.title_words, vocab.words("actor_nouns.txt"),
                   **vocab.word_fields(cls, FILE))


@dataclass(frozen=True)
class Reference:
    entity: Entity | None
    resolution: str  # one of schema.RESOLUTIONS
    group: str | None = None  # for "they": the group named before ("analysts"), as written

    @property
    def name(self) -> str | None:
        return self.entity.name if self.entity is not None else self.group


class Resolver:
    """Resolves spans of one article to its entities."""

    def __init__(self, doc: Doc, ents: ArticleEntities, rules: ReferenceRules):
        self.doc, self.ents, self.rules = doc, ents, rules
        self._sent_starts: list[int] | None = None

    def refer(self, span: Span) -> Reference:
        named = self._named(span)
        if named is not None:
            return Reference(named, "named")
        head = span.root
        if head.lower_ in self.rules.relative_pronouns and head.head.dep_ == "relcl":
            antecedent = head.head.head  # "Smith, who said": Smith
            return self.refer(self.doc[antecedent.i:antecedent.i + 1])
        found = self._pronoun(head, span) if head.pos_ == "PRON" else self._noun(head, span)
        if isinstance(found, Reference):
            return found
        return Reference(found, "resolved") if found is not None else Reference(None, "unresolved")

    def _named(self, span: Span) -> Entity | None:
        """A person the span names, else a body it names as its head or as whom a titled one speaks
        for ("a Treasury spokesman")."""
        clauses = {t.i for c in span.root.children if c.dep_ in MODIFYING_CLAUSES for t in c.subtree}
        mentions = [m for m in self.ents.in_span(span) if m.token_start not in clauses]
        head = span.root
        others = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ in OTHERS_PREPS and head.pos_ == "NOUN"
                  for t in c.subtree}
        inside = [m.entity for m in mentions]
        people = [m.entity for m in mentions if m.entity.type == "PERSON" and m.token_start not in others]
        if people:
            return people[0]  # (not "an aide to Lyng": the aide is someone else)
        inside = [e for e in inside if e.type != "PERSON"]
        naming = next((m.entity for m in mentions if m.entity.type in ORGANISATIONS and self._modifies(m, head)), None)
        if naming is not None:
            return naming  # "the IG Metall union": the body the common noun is of (not "the U.S. company")
        apposed = next((m.entity for m in mentions if m.entity.type in NAMING and self._apposed(m, head)), None)
        if apposed is not None:
            return apposed  # "Advertising agents Saatchi and Saatchi Co Plc", "the Dutch company, Akzo NV"
        if inside and inside[0].type == "NORP" and head.tag_ == "NN":
            return None  # "a European banker", "a senior Japanese government official": a nationality, not who
        if inside and inside[0].type in NAMING and (head.pos_ == "PROPN" or (head.tag_ == "NN" and self._is_role(head))):
            own = next((m.entity for m in mentions if m.token_start <= head.i < m.token_end), None)
            title = {t.i for c in head.subtree if c.dep_ == "prep" and c.i < head.i for t in c.subtree}
            if own is None and head.pos_ == "PROPN" and all(m.token_start in title for m in mentions):
                # "Secretary of State for the Economy Guillermo de la Dehesa": the body of a title before a
                # name the model missed is not who speaks
                return self.ents.person_by_surname(head.text)
            if own is not None and own.type == "NORP" and any(c.dep_ == "det" for c in head.children) \
                    and head.tag_ == "NNP" and not head.lower_.endswith(("s", "ese", "ish")):
                return None  # "the Illinois Democrat": what the person is, not who ("American said" names the airline)
            return own or inside[0]  # "Japan's Export-Import Bank" is the bank, not Japan
        if not inside and head.pos_ == "PROPN" and head.text[:1].isupper():
            # "Ongpin said", "Purolator said", where the model saw no name: the one person or body so named
            return self.ents.person_by_surname(head.text) or self.ents.body_by_word(head.text)
        return None

    def _modifies(self, mention: Mention, head: Token) -> bool:
        """The mention's last word is a compound of a common noun head ("IG Metall" in "the IG Metall union")."""
        last = self.doc[mention.token_end - 1]
        return head.pos_ == "NOUN" and last.dep_ == "compound" and last.head.i == head.i

    def _apposed(self, mention: Mention, head: Token) -> bool:
        """The mention is in apposition to the speaker's common noun head."""
        root = next((t for t in self.doc[mention.token_start:mention.token_end]
                     if not mention.token_start <= t.head.i < mention.token_end), None)
        return head.pos_ == "NOUN" and root is not None and root.dep_ == "appos" and root.head.i == head.i

    def _is_role(self, head: Token) -> bool:
        """A title or a role that names one person ("the minister", "a spokesman", "an official")."""
        lemma = head.lemma_.lower()
        return lemma in self.rules.title_words or head.lower_ in self.rules.title_words or lemma in self.rules.person_nouns

    def _pronoun(self, head: Token, span: Span) -> Entity | Reference | None:
        word = head.lower_
        if word in self.rules.person_pronouns:
            return self._person_before(span)
        if word in self.rules.organisation_pronouns:
            return self.last_body_before(span.start_char, NAMING[:2])
        if word in self.rules.group_pronouns:
            return Reference(None, "group", self._group_before(span))
        return None

    def _noun(self, head: Token, span: Span) -> Entity | Reference | None:
        lemma = head.lemma_.lower()
        if head.tag_ == "NNS":
            return Reference(None, "group")  # "analysts", "banking sources", "the executives"
        if self._is_role(head):
            one = next((c.lower_ for c in head.children if c.dep_ in ("det", "nummod")
                        and c.lower_ in self.rules.indefinite_ones), None)
            if one is not None and (one not in ("a", "an") or not (head.lemma_.lower() in self.rules.speaking_roles or any(
                    t.lower_ in self.rules.speaking_for for t in span if t.i != head.i))):
                return None  # "one regional bank official", "another dealer": someone not named before (but "a
                # company spokesman", "a spokesman" speak for the company)
            return self._titled(head, span)
        if lemma in self.rules.document_nouns:
            return Reference(None, "document")
        definite = any(c.dep_ in ("det", "poss") for c in head.children) and head.tag_ in ("NN", "NNP")
        if definite and lemma in self.rules.organisation_nouns:
            return self.last_body_before(span.start_char, ORGANISATIONS, lemma)
        if definite and lemma in self.rules.country_nouns:
            return self.last_body_before(span.start_char, COUNTRIES)
        return None

    def _person_before(self, span: Span) -> Entity | Reference | None:
        """"he" / "she": the nearest person before, named ("Qureshi") or by role as a subject ("a company
        spokesman said … He added"), in which case the pronoun stands for what that role does."""
        person = self.ents.last_person_before(span.start_char)
        role = self._role_subject_before(span)
        if role is not None and (person is None or role.idx > self.ents.last_person_end(span.start_char)):
            phrase = syntax.clause_free_subtree(role)
            return self.refer(self.doc[min(t.i for t in phrase):max(t.i for t in phrase) + 1])
        return person

    def _group_before(self, span: Span) -> str | None:
        """"analysts said … They added": the plural subject in this sentence or the two before, as written."""
        people = self.rules.person_nouns | self.rules.actor_nouns | self.rules.organisation_nouns
        for tok in reversed(self.doc[self._window_start(span):span.start]):
            if tok.dep_ in syntax.SUBJECT_DEPS and tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in people:
                # the group's own words: "Officials at yesterday's crisis meeting" → Officials
                words = [t for t in syntax.head_with_modifiers(tok) if t.i <= tok.i and not t.is_punct]
                return " ".join(t.text for t in words) or None
        return None

    def _window_start(self, span: Span) -> int:
        """Where the sentence two before the span's starts: back references reach that far."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.doc.sents]
        k = bisect.bisect_right(self._sent_starts, span.start)
        return self._sent_starts[max(0, k - 3)] if k else 0

    def _role_subject_before(self, span: Span) -> Token | None:
        """The nearest subject in this sentence or the two before that names a person by role, unnamed."""
        for tok in reversed(self.doc[self._window_start(span):span.start]):
            if tok.dep_ in syntax.SUBJECT_DEPS and tok.tag_ == "NN" and tok.lemma_.lower() in self.rules.person_nouns \
                    and self.ents.mention_at(tok.i) is None:
                return tok
        return None

    def _titled(self, head: Token, span: Span) -> Entity | None:
        """"the minister": the last person named before with that title; "a company spokesman": the company."""
        for m in reversed([m for m in self.ents.mentions if m.entity.type == "PERSON" and m.end <= span.start_char]):
            if head.lower_ in syntax.title_before(self.doc, m.token_start, m.token_end).text.lower():
                return m.entity
        earlier = self._same_role_before(head, span)
        if earlier is not None:
            return earlier  # "a senior Japanese government official said … The official said"
        speaks_for = any(t.lower_ in self.rules.speaking_for for t in span if t.i != head.i)
        if speaks_for or head.lemma_.lower() in self.rules.speaking_roles:
            return self.last_body_before(span.start_char, ORGANISATIONS)  # "a company spokesman", "the spokesman"
        return None

    def _same_role_before(self, head: Token, span: Span) -> Entity | None:
        """A definite role that refers back to the same role named before, and what that one stands for."""
        if not any(c.lower_ in ("the", "this", "that") for c in head.children):
            return None
        for tok in reversed(self.doc[self._window_start(span):span.start]):
            if tok.lemma_ == head.lemma_ and tok.dep_ in syntax.SUBJECT_DEPS and tok.i != head.i:
                phrase = syntax.clause_free_subtree(tok)
                earlier = self.doc[min(t.i for t in phrase):max(t.i for t in phrase) + 1]
                return self.refer(earlier).entity if earlier.start < span.start else None
        return None

    def last_body_before(self, offset: int, labels: tuple[str, ...], noun: str | None = None) -> Entity | None:
        """The organisation (or country) a back reference at `offset` stands for: the last one named
        before whose name holds `noun` ("the bank" → "Bank of England"), else the last that was the
        subject of its clause, else the last."""
        before = [m for m in self.ents.mentions if m.entity.type in labels and m.end <= offset]
        if noun is not None:
            holding = [m for m in before if noun in m.entity.name.lower().split()]
            if holding:
                return holding[-1].entity
        subjects = [m for m in before if _is_subject(self.doc, m)]
        chosen = subjects or before
        return chosen[-1].entity if chosen else None


def _is_subject(doc: Doc, mention: Mention) -> bool:
    """Whether a mention is, or is inside, the subject of its clause ("Circuit Systems Inc said …")."""
    for tok in doc[mention.token_start:mention.token_end]:
        node, hops = tok, 0
        while node.dep_ in ("compound", "poss", "amod", "nmod", "appos", "conj", "cc", "det", "case") and hops < 4:
            node, hops = node.head, hops + 1
        if node.dep_ in syntax.SUBJECT_DEPS:
            return True
    return False
