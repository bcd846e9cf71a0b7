"""Entities and mentions, with names resolved inside one article.

The small model splits and mislabels names ("Shah Mahmood" PERSON + "Qureshi" GPE; later "Qureshi"
ORG). So: a PERSON span is first extended over the proper nouns of its own name, then every other
mention whose words are the tail or a part of a fuller PERSON name in the same article is that person.
Other names fold onto the longest name of the same label that contains them ("Lavrov" → "Sergey Lavrov").
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Span

from dateline import geo
from dateline.extract import doccache, syntax
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab


@dataclass(frozen=True, eq=False)
class EntityRules:
    name_labels: frozenset[str]  # spaCy labels that name something
    title_words: frozenset[str]  # never part of a name
    company_suffixes: frozenset[str]  # "Inc", "AG": the end of a company's name
    courtesy_titles: frozenset[str] = frozenset()  # "Mr", "Dr": titles any person may carry

    @classmethod
    def from_vocab(cls, vocab: Vocab, shared: SharedWords) -> "EntityRules":
        return cls(vocab.word_set("entities.toml", "name_labels", lower=False), shared.title_words,
                   vocab.word_set("entities.toml", "company_suffixes", lower=False),
                   vocab.word_set("entities.toml", "courtesy_titles"))


@dataclass
class Entity:
    name: str
    type: str
    country_code: str | None = None
    key: str = ""
    entity_id: str = ""

    def __post_init__(self) -> None:
        self.key = f"{self.type}:{self.name.lower()}"
        self.entity_id = hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity: Entity
    token_start: int = 0
    token_end: int = 0


@dataclass
class ArticleEntities:
    """What one article names: its entities, every mention, and lookups for the other extractors."""

    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def mention_at(self, token_i: int) -> Mention | None:
        return self.by_token.get(token_i)

    def in_span(self, span: Span) -> list[Mention]:
        seen, out = set(), []
        for i in range(span.start, span.end):
            m = self.by_token.get(i)
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                out.append(m)
        return out

    def person_by_surname(self, word: str) -> Entity | None:
        """The person of the article whose name ends in `word` ("Ongpin" → Jaime Ongpin), if one."""
        return self._only(lambda e: e.type == "PERSON" and " " in e.name and e.name.split()[-1] == word)

    def body_by_word(self, word: str) -> Entity | None:
        """The organisation of the article whose name holds `word` ("Purolator" → Purolator Courier Corp), if one."""
        return self._only(lambda e: e.type == "ORG" and " " in e.name
                          and word in e.name.replace("<", " ").replace(">", " ").split())

    def _only(self, named: Callable[[Entity], bool]) -> Entity | None:
        """The one entity of the article that `named` takes, else None (none, or more than one)."""
        found = {e.entity_id: e for e in self.entities if named(e)}
        return next(iter(found.values())) if len(found) == 1 else None

    def last_person_end(self, offset: int) -> int:
        """Where the last person named before `offset` ends (-1 when none is)."""
        return max((m.end for m in self.mentions if m.entity.type == "PERSON" and m.end <= offset), default=-1)

    def last_person_before(self, offset: int) -> Entity | None:
        """The antecedent of "he" or "she": the last person named before `offset`."""
        before = [m for m in self.mentions if m.entity.type == "PERSON" and m.end <= offset]
        return before[-1].entity if before else None


BRACKETS = ("<", ">")  # Reuters writes company names as <Contraves AG>


def _clean_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
                           or doc[start].text in BRACKETS):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].text in BRACKETS):
        end -= 1
    return start, end


def _possessive_name(doc: Doc, end: int, label: str) -> int:
    """A company whose name is a possessive ("Moody's said", "Ward's said"): the name keeps its 's when it
    possesses nothing, i.e. when the word before the 's is not itself a possessive modifier."""
    if label == "ORG" and end < len(doc) and doc[end].tag_ == "POS" and doc[end].head.i == end - 1 \
            and doc[end - 1].dep_ != "poss":
        return end + 1
    return end


def _extend_person(doc: Doc, start: int, end: int, titles: frozenset[str]) -> tuple[int, int]:
    """Grow a PERSON span over the adjacent proper nouns of the same name ("Shah Mahmood" + "Qureshi")."""
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
            and doc[end].lower_ not in titles and doc[end - 1].head.i >= end \
            and doc[end].ent_type_ in ("", "PERSON", "GPE", "ORG", "NORP"):
        end += 1
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].lower_ not in titles and doc[start - 1].head.i >= start \
            and doc[start - 1].ent_type_ in ("", "PERSON") and doc[start - 1].dep_ == "compound":
        start -= 1
    return start, end


def _raw_spans(doc: Doc, rules: EntityRules) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    ents = sorted(doccache.ents(doc), key=lambda e: (e.label_ != "PERSON", e.start))
    for ent in ents:
        if ent.label_ not in rules.name_labels:
            continue
        start, end = _clean_bounds(doc, ent.start, ent.end)
        end = _possessive_name(doc, end, ent.label_)
        if ent.label_ == "PERSON":
            start, end = _extend_person(doc, start, end, rules.title_words)
        if start >= end or any(i in covered for i in range(start, end)):
            continue
        text = doc[start:end].text
        preceding = doccache.text(doc)[doc[start].idx - 1:doc[start].idx] if doc[start].idx else ""
        if preceding in ("#", "@") or text.startswith(("#", "@")) or not any(ch.isalpha() for ch in text) or not text[0].isupper():
            continue
        spans.append((start, end, ent.label_))
        covered.update(range(start, end))
    return sorted(spans + _company_names(doc, rules, covered))


NAME_JOINERS = ("&", "and", "of", "-", "'s")  # words a company's name may hold between capitalised ones


def _company_names(doc: Doc, rules: EntityRules, covered: set[int]) -> list[tuple[int, int, str]]:
    """Company names the model did not see: capitalised words that end in a company suffix."""
    found = []
    for tok in doccache.tokens(doc):
        if tok.text.rstrip(".") not in rules.company_suffixes or tok.i in covered or tok.i == 0:
            continue
        start = tok.i
        while start > doccache.sentence(tok).start and start - 1 not in covered and _in_company_name(doc[start - 1]):
            start -= 1
        while start < tok.i and doc[start].text in NAME_JOINERS:
            start += 1
        if start < tok.i and any(t.text[:1].isupper() and t.is_alpha for t in doc[start:tok.i]):
            found.append((start, tok.i + 1, "ORG"))
            covered.update(range(start, tok.i + 1))
    return found


def _in_company_name(tok) -> bool:
    return (tok.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") and tok.text[:1].isupper()) or tok.text in NAME_JOINERS


def resolve_entities(doc: Doc, rules: EntityRules) -> ArticleEntities:
    """Entities of one article with every mention pointing at its fullest name."""
    spans = _companies_not_people(doc, _raw_spans(doc, rules), rules)
    span_texts = [(doc[s:e].text, label) for s, e, label in spans]
    persons = [t for (t, label), (s, e, _) in zip(span_texts, spans) if label == "PERSON" and e - s > 1]
    span_offices, offices = _offices(doc, spans, rules)
    out = ArticleEntities()
    by_key: dict[str, Entity] = {}

    def entity_for(text: str, label: str, office: frozenset[str]) -> Entity:
        words = text.split()
        if label != "PERSON" or len(words) == 1:
            # a surname or part of a fuller PERSON name in this article is that person, whatever the label,
            # unless the surname carries an office the fuller name never does ("President Reagan", "Nancy Reagan")
            full = [p for p in persons if len(words) < len(p.split()) and _is_part(words, p.split())
                    and office <= offices.get(p, frozenset())]
            if full and (label in ("PERSON", "GPE", "ORG", "NORP") and len(words) <= 2):
                text, label = max(full, key=len), "PERSON"
            elif label == "PERSON":  # "Goodrich said" after "B.F. Goodrich Co said": the company, not a person
                text, label = _company_named(words, span_texts, rules) or (text, label)
        if label == "ORG":
            longer = [t for t, lab in span_texts if lab == label and len(t) > len(text) and text in t
                      and re.search(rf"\b{re.escape(text)}\b", t)]
            text = max(longer, key=len) if longer else text
        key = f"{label}:{text.lower()}"
        if key not in by_key:
            country = (geo.country_code(text) if label in ("GPE", "NORP", "LOC") else None) \
                or (geo.city_country(text) if label == "GPE" else None)
            by_key[key] = Entity(text, label, country)
        return by_key[key]

    for (start, end, label), office in zip(spans, span_offices):
        span = doc[start:end]
        entity = entity_for(span.text, label, office)
        mention = Mention(span.start_char, span.end_char, doccache.text(doc)[span.start_char:span.end_char], entity, start, end)
        out.mentions.append(mention)
        for i in range(start, end):
            out.by_token[i] = mention
    out.entities = list(by_key.values())
    return out


def _companies_not_people(doc: Doc, spans: list[tuple[int, int, str]], rules: EntityRules) -> list[tuple[int, int, str]]:
    """A name the model read as a person that ends as a company's does ("B.F. Goodrich Co") is a company."""
    return [(s, e, "ORG" if label == "PERSON" and e - s > 1 and _ends_as_company(doc[s:e].text.split(), rules)
             else label) for s, e, label in spans]


def _company_named(words: list[str], span_texts: list[tuple[str, str]], rules: EntityRules) -> tuple[str, str] | None:
    """The company whose suffixed name holds these words ("Goodrich" → "B.F. Goodrich Co"), if any."""
    companies = [t for t, label in span_texts if label == "ORG" and _is_part(words, t.split())
                 and _ends_as_company(t.split(), rules)]
    return (max(companies, key=len), "ORG") if companies else None


def _ends_as_company(words: list[str], rules: EntityRules) -> bool:
    return bool(words) and words[-1].rstrip(".") in rules.company_suffixes


def _office(doc: Doc, start: int, end: int, rules: EntityRules) -> frozenset[str]:
    """The title words of office written before a name ("President", "Sen."), not those of courtesy ("Mr")."""
    words = {t.lower_.rstrip(".") for t in syntax.title_before(doc, start, end)}
    return frozenset(w for w in words if w in rules.title_words and w not in rules.courtesy_titles)


def _offices(doc: Doc, spans: list[tuple[int, int, str]],
             rules: EntityRules) -> tuple[list[frozenset[str]], dict[str, frozenset[str]]]:
    """The titles of office written before each span, and those each full PERSON name carries somewhere
    in the article."""
    span_offices = [_office(doc, start, end, rules) for start, end, _ in spans]
    found: dict[str, set[str]] = {}
    for (start, end, label), office in zip(spans, span_offices):
        if label == "PERSON" and end - start > 1:
            found.setdefault(doc[start:end].text, set()).update(office)
    return span_offices, {name: frozenset(words) for name, words in found.items()}


def _is_part(words: list[str], full: list[str]) -> bool:
    if full[-len(words):] == words:
        return True
    return len(words) == 1 and words[0] in full[1:]
