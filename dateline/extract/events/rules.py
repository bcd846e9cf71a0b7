"""The event coder's rules, read once from `vocab/events.toml` and the trigger tables."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dateline.extract.reference import ReferenceRules
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab, VocabError, word_field

FILE = "events.toml"
PHRASAL_KEYS = ("particles", "objects", "modifiers", "complements")
NO_EVENT = "NONE"  # a phrasal rule's type for a sense that reports no event ("withdrew the nomination")


@dataclass(frozen=True, eq=False)
class Phrasal:
    """A word that codes its own event with one of `particles`, `objects`, `modifiers` or `complements`
    ("found him guilty"); a rule that names more than one needs one of each ("carried out strikes"). With
    `only`, the word codes no event at all without them ("lift sanctions", never "lifted off")."""

    lemmas: frozenset[str]
    particles: frozenset[str]
    objects: frozenset[str]
    event_type: str
    only: bool = False
    modifiers: frozenset[str] = frozenset()
    complements: frozenset[str] = frozenset()

    def matches(self, particles: set[str], objects: set[str], modifiers: set[str], complements: set[str]) -> bool:
        wanted = [(self.particles, particles), (self.objects, objects), (self.modifiers, modifiers),
                  (self.complements, complements)]
        return all(found & words for words, found in wanted if words)


@dataclass(frozen=True, eq=False)
class EventRules:
    quad_class: dict[str, str]  # PLOVER type → quad class
    cooperative: frozenset[str]  # the types of the two cooperation quad classes
    triggers: dict[tuple[str, str], str]  # (lemma, VERB or NOUN) → PLOVER type
    own_lemmas: frozenset[str]  # trigger lemmas of the project's own lists (preferred over CAMEO's)
    phrasal: tuple[Phrasal, ...]
    phrasal_lemmas: frozenset[str]
    actor_nouns: frozenset[str]
    agents: dict[str, str]  # Phoenix agent noun → sector (GOV, MIL, REB, COP, BUS, …)
    international: frozenset[str]  # names of IGOs and NGOs
    company_suffixes: frozenset[str]  # the entities' list: a name that ends in one is a company's
    weekdays: tuple[str, ...]
    reference: ReferenceRules
    calendar: frozenset[str]  # months and weekdays: never a trigger ("March" is a month, not a protest)
    light_verbs: frozenset[str] = word_field("triggers.light_verbs")
    reporting_formulas: frozenset[str] = word_field("triggers.reporting_formulas")
    availability: frozenset[str] = word_field("triggers.availability")
    information_objects: frozenset[str] = word_field("triggers.information_objects")
    question_objects: frozenset[str] = word_field("triggers.question_objects")
    law_objects: frozenset[str] = word_field("triggers.law_objects")
    level_objects: frozenset[str] = word_field("triggers.level_objects")
    share_words: frozenset[str] = word_field("triggers.share_words")
    noun_links: frozenset[str] = word_field("triggers.noun_links", case=True)
    verb_modifier_links: frozenset[str] = word_field("triggers.verb_modifier_links")
    prepositional_verbs: frozenset[str] = word_field("triggers.prepositional_verbs")
    intent_heads: frozenset[str] = word_field("modality.intent_heads")
    readiness: frozenset[str] = word_field("modality.readiness")
    unreadiness: frozenset[str] = word_field("modality.unreadiness")
    hostile: frozenset[str] = word_field("modality.hostile", case=True)
    refusal_verbs: frozenset[str] = word_field("modality.refusal_verbs")
    refusal_nouns: frozenset[str] = word_field("modality.refusal_nouns")
    negative_determiners: frozenset[str] = word_field("modality.negative_determiners")
    conditional_marks: frozenset[str] = word_field("modality.conditional_marks")
    symmetric: frozenset[str] = word_field("actors.symmetric", case=True)
    speech_verbs: frozenset[str] = word_field("actors.speech_verbs")
    verbal_cues: frozenset[str] = word_field("actors.verbal_cues")
    first_target_preps: frozenset[str] = word_field("actors.first_target_preps")
    locative_preps: frozenset[str] = word_field("actors.locative_preps")
    retreat_verbs: frozenset[str] = word_field("actors.retreat_verbs")
    actor_labels: frozenset[str] = word_field("actors.actor_labels", case=True)
    political_roles: frozenset[str] = word_field("actors.political_roles")
    state_roles: frozenset[str] = word_field("actors.state_roles")
    business_roles: frozenset[str] = word_field("actors.business_roles")
    market_objects: frozenset[str] = word_field("actors.market_objects")
    business_bodies: frozenset[str] = word_field("actors.business_bodies")
    company_organs: frozenset[str] = word_field("actors.company_organs")
    bounding_preps: frozenset[str] = word_field("dates.bounding_preps")
    duration_words: frozenset[str] = word_field("dates.duration_words")
    same_day: frozenset[str] = word_field("dates.same_day")
    date_words: frozenset[str] = word_field("dates.date_words")
    location_preps: frozenset[str] = word_field("places.location_preps")
    thing_light_verbs: frozenset[str] = word_field("triggers.thing_light_verbs")
    sending_verbs: frozenset[str] = word_field("triggers.sending_verbs")
    mention_verbs: frozenset[str] = word_field("triggers.mention_verbs")
    releasing_verbs: frozenset[str] = word_field("triggers.releasing_verbs")
    borrowing_verbs: frozenset[str] = word_field("triggers.borrowing_verbs")
    negative_subjects: frozenset[str] = word_field("modality.negative_subjects")
    partner_verbs: frozenset[str] = word_field("actors.partner_verbs")
    collective_nouns: frozenset[str] = word_field("actors.collective_nouns")
    civilian_sectors: frozenset[str] = word_field("actors.civilian_sectors", case=True)
    private_sectors: frozenset[str] = word_field("actors.private_sectors", case=True)
    civil_acts: frozenset[str] = word_field("actors.civil_acts", case=True)
    civilian_roles: frozenset[str] = word_field("actors.civilian_roles")

    @cached_property
    def business_words(self) -> frozenset[str]:
        """Nouns of a business and of people in business: such a phrase is its own actor."""
        return self.business_bodies | self.business_roles

    @cached_property
    def only_lemmas(self) -> frozenset[str]:
        """Verbs that code an event only with a particle or object of their phrasal rules."""
        return frozenset(lemma for rule in self.phrasal if rule.only for lemma in rule.lemmas)

    @classmethod
    def from_vocab(cls, vocab: Vocab, shared: SharedWords, reference: ReferenceRules,
                   company_suffixes: frozenset[str]) -> "EventRules":
        quad = vocab.mapping(FILE, "event_types")
        phrasal = _phrasal(vocab, quad)
        phrasal_lemmas = frozenset(lemma for rule in phrasal for lemma in rule.lemmas)
        own = frozenset(row[0].lower() for row in vocab.rows("plover_triggers.tsv"))
        return cls(
            quad_class=quad, cooperative=frozenset(t for t, q in quad.items() if q.endswith("cooperation")),
            triggers=_trigger_table(vocab, quad), own_lemmas=own,
            phrasal=phrasal, phrasal_lemmas=phrasal_lemmas, actor_nouns=vocab.words("actor_nouns.txt"),
            agents=vocab.table("agents.tsv"), international=vocab.words("international_actors.txt"),
            company_suffixes=company_suffixes,
            weekdays=shared.weekdays, reference=reference, calendar=shared.calendar, **vocab.word_fields(cls, FILE))


def _trigger_table(vocab: Vocab, quad: dict[str, str]) -> dict[tuple[str, str], str]:
    """CAMEO's verbs, then the project's own triggers over them, less the verbs that report nothing."""
    table: dict[tuple[str, str], str] = {}
    not_bare = vocab.word_set(FILE, "triggers.cameo_types_not_bare", lower=False)
    for verb, plover in vocab.table("cameo_verbs.tsv").items():
        if " " not in verb and plover not in not_bare:
            table[(verb, "VERB")] = plover
    for row in vocab.rows("plover_triggers.tsv"):
        lemma, plover, pos = row[0].lower(), row[1], (row[2] if len(row) > 2 else "any")
        for p in (("VERB", "NOUN") if pos == "any" else (pos,)):
            table[(lemma, p)] = plover
    for lemma in vocab.word_set(FILE, "triggers.non_events"):
        table.pop((lemma, "VERB"), None)
    unknown = sorted(set(table.values()) - set(quad))
    if unknown:
        raise VocabError(f"trigger tables name event types that {FILE} does not define: {unknown}")
    return table


def _phrasal(vocab: Vocab, quad: dict[str, str]) -> tuple[Phrasal, ...]:
    rules = []
    for n, entry in enumerate(vocab.entry(FILE, "phrasal")):
        if (entry.get("event_type") not in quad and entry.get("event_type") != NO_EVENT) \
                or not any(entry.get(k) for k in PHRASAL_KEYS):
            raise VocabError(f"{FILE}: phrasal rule {n + 1} needs a known event_type and one of {', '.join(PHRASAL_KEYS)}")
        rules.append(Phrasal(frozenset(entry["lemma"]), frozenset(entry.get("particles", ())),
                             frozenset(entry.get("objects", ())), entry["event_type"], bool(entry.get("only", False)),
                             frozenset(entry.get("modifiers", ())), frozenset(entry.get("complements", ()))))
    return tuple(rules)
