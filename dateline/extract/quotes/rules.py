"""The quote extractor's rules, read once from `vocab/quotes.toml` and the cue lists."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.extract.reference import ReferenceRules
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab

FILE = "quotes.toml"


@dataclass(frozen=True, eq=False)
class QuoteRules:
    cues: frozenset[str]  # verbs of speech and attribution, as lemmas
    after_cues: frozenset[str]  # those, and the verbs that attribute only right after a quote ("she yells")
    noun_cues: frozenset[str]  # nouns that introduce what was said ("Trump's claim that …")
    object_cues: frozenset[str]  # verbs whose object is what is attributed ("criticized the plan")
    about_cues: frozenset[str]  # verbs whose "about" phrase is what is attributed
    infinitive_cues: frozenset[str]
    withholding_verbs: frozenset[str]  # "declined to comment on …": nothing said
    anonymity: frozenset[str]  # "asked not to be identified": the source protected
    telling_verbs: frozenset[str]  # "told reporters …": the addressee is not part of what was told
    audience: frozenset[str]
    occasions: frozenset[str]  # "said in an interview", "in a statement": where or how words were said
    venues: frozenset[str]  # the occasions that are no text: "appearing on the NBC News program"
    introducing_cues: frozenset[str]
    title_small_words: frozenset[str]
    title_words: frozenset[str]
    person_pronouns: frozenset[str]
    attribution_inside: re.Pattern  # `, he said` inside an unclosed quotation
    min_direct_words: int
    reference: ReferenceRules

    @classmethod
    def from_vocab(cls, vocab: Vocab, shared: SharedWords, reference: ReferenceRules) -> "QuoteRules":
        verbs = _learned(vocab, "VERB", vocab.entry(FILE, "learned.verb_rate"))
        cues = vocab.words("quote_cues.txt") | vocab.words("quote_cues_ggt.txt") | verbs
        object_cues = verbs - vocab.word_set(FILE, "cues.no_object_content")
        return cls(
            cues=cues, after_cues=cues | vocab.words("quote_cues_after.txt"),
            noun_cues=_learned(vocab, "NOUN", vocab.entry(FILE, "learned.noun_rate")) | vocab.word_set(FILE, "cues.nouns"),
            object_cues=object_cues, about_cues=object_cues | vocab.word_set(FILE, "cues.about"),
            infinitive_cues=vocab.word_set(FILE, "cues.infinitive"),
            withholding_verbs=vocab.word_set(FILE, "cues.withholding"), anonymity=vocab.word_set(FILE, "cues.anonymity"),
            telling_verbs=vocab.word_set(FILE, "cues.telling"), audience=vocab.word_set(FILE, "cues.audience"),
            occasions=vocab.word_set(FILE, "cues.occasions") | reference.document_nouns,
            venues=vocab.word_set(FILE, "cues.occasions"),
            introducing_cues=vocab.word_set(FILE, "cues.introducing"),
            title_small_words=vocab.word_set(FILE, "marks.title_small_words"), title_words=shared.title_words,
            person_pronouns=shared.person_pronouns, attribution_inside=_attribution_inside(vocab),
            min_direct_words=int(vocab.entry(FILE, "min_direct_words")), reference=reference)


def _learned(vocab: Vocab, pos: str, rate: float) -> frozenset[str]:
    """Lemmas of attribution_cues.tsv seen as part of a cue at least `rate` of the times they occur."""
    return frozenset(row[0] for row in vocab.rows("attribution_cues.tsv")
                     if row[1] == pos and int(row[2]) / int(row[3]) >= rate)


def _attribution_inside(vocab: Vocab) -> re.Pattern:
    pronouns = "|".join(vocab.word_list(FILE, "marks.inside_pronouns", lower=False))
    verbs = "|".join(vocab.word_list(FILE, "marks.inside_verbs"))
    return re.compile(rf",\s+(?:{pronouns}|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){{0,3}})\s+(?:{verbs})\b")
