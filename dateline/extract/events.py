"""Events: PLOVER event coding from the parse, one event for each sentence that reports one.

A trigger is a verb or noun in the trigger vocabulary (vocab/plover_triggers.tsv, the project's own,
backed by cameo_verbs.tsv derived from the CAMEO verb dictionary). The trigger highest in the
sentence's tree wins, so "officials agreed that their countries should cooperate" is AGREE. A light
verb hands over to its noun ("held talks" → CONSULT, "imposed sanctions" → SANCTION). Negated
cooperation ("did not agree", "refused to meet") is REJECT with `negated` set.

Actors come from the parse (subject, object, `with` / `against` / `between`), their countries from
the entities they name, the country dictionary and, for people, the titles the article gives them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateline.extract import doccache
from spacy.tokens import Doc, Span, Token

from dateline import geo, vocab
from dateline.extract.entities import ArticleEntities

QUAD_CLASS = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "INVESTIGATE": "verbal conflict", "DEMAND": "verbal conflict",
    "DISAPPROVE": "verbal conflict", "REJECT": "verbal conflict", "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "CRIME": "material conflict", "SANCTION": "material conflict",
    "MOBILIZE": "material conflict", "COERCE": "material conflict", "ASSAULT": "material conflict",
}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
LIGHT_VERBS = {"hold", "have", "conduct", "launch", "stage", "carry", "make", "reach", "begin", "start", "continue",
               "resume", "open", "impose", "announce", "organize", "organise", "declare", "reiterate", "renew", "take", "mount", "call", "order", "join", "lead", "end",
               "seek", "express", "voice", "issue", "give", "grant", "provide", "offer", "lodge", "file"}
NON_EVENTS = {"say", "tell", "report", "add", "be", "have", "do", "get", "go", "come", "become", "include", "make",
              "see", "want", "know", "think", "take", "use", "find", "show", "seem", "appear", "state", "quote"}
REFUSAL_VERBS = {"refuse", "decline", "fail", "reject"}
TARGET_PREPS = ("with", "against", "to", "on", "at", "from", "for", "into", "toward", "towards", "upon", "between")
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
SPEECH_VERBS = {"say", "tell", "announce", "state", "declare", "warn", "report", "add", "insist", "claim", "conclude",
                "reiterate", "confirm", "stress", "note", "indicate", "vow", "threaten"}
VERBAL_CUES = {"demand", "urge", "ask", "call", "press", "appeal", "threaten", "warn"}


@dataclass
class Event:
    event_type: str
    quad_class: str
    trigger: str
    source_actor: str | None
    source_country: str | None
    target_actor: str | None
    target_country: str | None
    event_date: str | None
    location: str | None
    location_country: str | None
    sentence_start: int
    sentence_end: int
    negated: bool
    trigger_start: int
    trigger_end: int


@lru_cache(maxsize=1)
def trigger_table() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for verb, plover in vocab.table("cameo_verbs.tsv").items():
        if " " not in verb:
            table[(verb, "VERB")] = plover
    for row in vocab.rows("plover_triggers.tsv"):
        lemma, plover, pos = row[0].lower(), row[1], (row[2] if len(row) > 2 else "any")
        for p in (("VERB", "NOUN") if pos == "any" else (pos,)):
            table[(lemma, p)] = plover
    for lemma in NON_EVENTS:
        table.pop((lemma, "VERB"), None)
    return table


PHRASAL_LEMMAS = frozenset({"call", "pull", "move", "turn", "cut", "break", "hand", "blow", "violate", "lodge", "crack"})


def _trigger_type(tok: Token) -> str | None:
    pos = "VERB" if tok.pos_ in ("VERB",) else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    lemma = tok.lemma_.lower()
    kind = trigger_table().get((lemma, pos))
    if kind is None and pos == "NOUN" and lemma.endswith("s"):
        kind = trigger_table().get((lemma[:-1], pos))
    if lemma not in PHRASAL_LEMMAS:
        return kind
    # phrasal verbs that change the meaning
    particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep")}
    if lemma == "call" and particles & {"for", "on", "upon"}:
        return "DEMAND"
    if lemma in ("pull", "move") and "out" in particles:
        return "RETREAT"
    if lemma == "turn" and "down" in particles:
        return "REJECT"
    if lemma in ("cut", "break") and "off" in particles:
        return "SANCTION"
    if lemma == "hand" and "over" in particles:
        return "AID"
    if lemma == "call" and "off" in particles:
        return "CONCEDE"
    if lemma == "blow" and "up" in particles:
        return "COERCE"
    if lemma == "violate" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("ceasefire", "truce") for c in tok.children):
        return "ASSAULT"
    if lemma == "lodge" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("protest", "complaint") for c in tok.children):
        return "DISAPPROVE"
    if lemma == "crack" and "down" in particles:
        return "COERCE"
    return kind


@lru_cache(maxsize=1)
def _own_lemmas() -> frozenset[str]:
    return frozenset(row[0].lower() for row in vocab.rows("plover_triggers.tsv"))


def _in_own_vocabulary(tok: Token) -> bool:
    return tok.lemma_.lower() in _own_lemmas() or tok.lemma_.lower() in ("call", "pull", "turn", "cut", "break", "hand", "crack", "blow")


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def _is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children if tok.dep_ in ("xcomp",))


def _choose_trigger(sent: Span) -> tuple[Token, str] | None:
    cands = []
    for tok in doccache.tokens(sent.doc)[sent.start:sent.end]:
        kind = _trigger_type(tok)
        if kind is None:
            continue
        if tok.pos_ == "NOUN" and tok.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj", "ROOT", "attr", "conj", "appos"):
            continue
        cands.append((tok, kind))
    if not cands:
        return None
    # a light verb's object, or a trigger's object noun, speaks for it: "held talks", "imposed sanctions"
    best = min(cands, key=lambda c: (_depth(c[0]) + (0.5 if c[0].pos_ == "NOUN" else 0)
                                     + (0 if _in_own_vocabulary(c[0]) else 1.5), c[0].i))
    tok, kind = best
    if tok.pos_ == "VERB" and tok.lemma_.lower() in LIGHT_VERBS:
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            for noun in (obj, *[g for g in obj.children if g.dep_ in ("compound", "amod")]):
                if _trigger_type(noun):
                    return noun, _trigger_type(noun)
    return tok, kind


INTENT_HEADS = {"plan", "prepare", "intend", "offer", "propose", "promise", "pledge", "vow", "agree", "decide", "hope",
                "want", "seek", "aim", "expect"}
CONFLICT = {"PROTEST", "COERCE", "ASSAULT", "SANCTION", "MOBILIZE", "THREATEN", "DISAPPROVE", "REJECT", "CRIME"}


def _modality(trigger: Token, verb: Token, kind: str) -> str:
    """PLOVER codes intentions and obligations as such: "will withdraw" is AGREE (or THREATEN with a
    condition or a hostile act), "must return" is DEMAND, "willing to meet" is AGREE."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb.head if verb.dep_ == "xcomp" else None
    conditional = any(c.dep_ in ("advcl",) and any(g.lower_ in ("unless", "if") for g in c.children) for c in verb.children)
    if auxes & {"must", "should"} and kind not in ("DEMAND",):
        return "DEMAND"
    intent = bool(auxes & {"will", "would", "shall", "'ll"}) or (
        head is not None and (head.lemma_.lower() in INTENT_HEADS or any(c.lower_ in ("willing", "ready", "prepared") for c in [head, *head.children])))
    if head is not None and head.lemma_.lower() == "be" and any(c.lower_ in ("willing", "ready", "prepared", "able") for c in head.children):
        intent = True
    if verb.dep_ == "xcomp" and verb.head.lower_ in ("willing", "ready", "prepared"):
        intent = True
    if not intent or kind in ("AGREE", "DEMAND", "THREATEN", "REJECT", "DISAPPROVE"):
        return kind
    if conditional or kind in CONFLICT:
        return "THREATEN"
    return "AGREE"


def _verb_of(tok: Token) -> Token:
    """The verb a noun trigger hangs from ("held talks" → held), or the trigger itself."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return tok


def _subject(verb: Token) -> Token | None:
    seen = 0
    while verb is not None and seen < 6:
        for c in verb.children:
            if c.dep_ == "nsubj":
                return c
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ == "relcl":
            return verb.head
        return None
    return None


ACTOR_LABELS = ("GPE", "ORG", "NORP", "PERSON")
TARGET_PREPS_FIRST = ("to", "with", "against", "toward", "towards", "on", "upon", "between", "at")
TARGET_PREPS_LATE = ("from", "in", "into", "for", "over", "of", "by")


def _is_actor(tok: Token) -> bool:
    return tok.ent_type_ in ACTOR_LABELS or tok.lemma_.lower() in vocab.words("actor_nouns.txt") \
        or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY"))


def _actor_in(tok: Token) -> Token | None:
    """The actor a phrase names: its head, or an actor that modifies or owns it ("Sweden's decision",
    "a US offer", "settlements in the Gaza Strip")."""
    if _is_actor(tok):
        return tok
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and _is_actor(child):
            return child
    for t in tok.subtree:
        if t.i != tok.i and t.ent_type_ in ACTOR_LABELS and t.dep_ not in ("relcl",):
            ent = next((e for e in doccache.ents(t.doc) if e.start <= t.i < e.end), None)
            return ent.root if ent is not None else t
    return None


def _object(trigger: Token, verb: Token, source: Token | None = None) -> Token | None:
    """The target: a recipient or an actor acted on, before any thing acted on."""
    nodes = [trigger] if trigger.i == verb.i else [trigger, verb]
    for node in list(nodes):  # "offered to hand over to Great Britain", "threatened to deliver blows to the US"
        for c in node.children:
            if c.dep_ == "xcomp":
                nodes.append(c)
                nodes.extend(g for g in c.children if g.dep_ == "xcomp")
    retreating = verb.lemma_.lower() in ("withdraw", "evacuate", "pull", "expel", "retreat", "ship", "remove")
    source_ids = {t.i for t in source.subtree} if source is not None else set()
    ranked: list[tuple[int, Token]] = []
    for node in nodes:
        for c in node.children:
            if c.i in source_ids or c.i == trigger.i:
                continue
            if c.dep_ == "dative":
                ranked.append((0, c))
            elif c.dep_ == "dobj":
                actor = _actor_in(c)
                ranked.append((1, actor) if actor is not None else (5, c))
            elif c.dep_ == "nsubjpass":
                ranked.append((2, c) if _is_actor(c) else (6, c))
            elif c.dep_ == "prep":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is None or pobj.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
                    continue
                actor = _actor_in(pobj)
                if actor is None:
                    continue
                rank = 2 if c.lower_ in TARGET_PREPS_FIRST else 4
                if retreating and c.lower_ in ("from", "out"):
                    rank = 0  # "withdraw its troops from Lebanon": the place left is the target
                ranked.append((rank, actor))
            elif c.dep_ in ("xcomp", "ccomp") and verb.lemma_.lower() in VERBAL_CUES:
                sub = next((g for g in c.children if g.dep_ in ("nsubj", "dobj")), None)
                if sub is not None:
                    ranked.append((3, sub))
    if not ranked:
        return None
    return min(ranked, key=lambda r: (r[0], r[1].i))[1]


def _phrase(tok: Token, limit: int = 10) -> Span:
    doc = tok.doc
    toks = [t for t in tok.subtree if not any(a.dep_ in ("relcl", "acl", "appos", "advcl") and a.i != tok.i
                                               for a in _path(t, tok))]
    toks = [t for t in toks if not t.is_punct or t.text in ("'s", "’s", "-")]
    if not toks:
        return doc[tok.i:tok.i + 1]
    start, end = min(t.i for t in toks), max(t.i for t in toks) + 1
    while start < end and doc[start].dep_ in ("det", "cc", "punct") and doc[start].lower_ in ("the", "a", "an", ",", "and"):
        start += 1
    if end - start > limit:
        start, end = max(start, tok.i - limit + 1), tok.i + 1
    return doc[start:end]


def _path(t: Token, root: Token) -> list[Token]:
    out = []
    while t.i != root.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out


def _trim_span(span: Span) -> Span:
    start, end = span.start, span.end
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].dep_ == "cc"):
        end -= 1
    return span.doc[start:end]


def _actor(span: Span | None, ents: ArticleEntities) -> tuple[str | None, str | None]:
    """An actor's text and country; a pronoun stands for the last person named before it."""
    if span is None or len(span) == 0:
        return None, None
    mention = ents.mention_at(span.root.i) if len(span) <= 2 or span.root.ent_type_ else None
    if mention is not None and (len(span) <= 2 or span.root.tag_ == "POS" or span[-1].tag_ == "POS"):
        return mention.entity.name, mention.entity.country_code or _actor_country(span, ents)
    if len(span) == 1 and span[0].lower_ in ("he", "she", "him", "her"):
        before = [m for m in ents.mentions if m.entity.type == "PERSON" and m.end <= span.start_char]
        if before:
            name = before[-1].entity.name
            return name, person_country(name, ents, span.doc)
    return span.text, _actor_country(span, ents)


def _actor_country(span: Span | None, ents: ArticleEntities) -> str | None:
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
    """A person's country: the dictionary's leaders, else the country named in a title before them."""
    for part in (name, name.split()[-1]):
        code = geo.country_code(part)
        if code:
            return code
    for m in ents.mentions:
        if m.entity.name == name:
            window = doc.char_span(max(0, m.start - 60), m.start, alignment_mode="contract")
            if window is None:
                continue
            for n in reversed(ents.in_span(window)):
                if n.entity.country_code and n.end > m.start - 45:
                    return n.entity.country_code
    return None


MONTHS = "january february march april may june july august september october november december".split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()


@lru_cache(maxsize=4096)
def resolve_date(expression: str, article_date: str | None) -> str | None:
    """A sentence's time expression as an ISO date, against the article's date ("on Wednesday", "last month").

    In news the publication weekday itself means that day, so "Wednesday" in a Wednesday paper is today.
    """
    if not article_date:
        return None
    base = dt.date.fromisoformat(article_date)
    text = expression.lower().strip()
    words = re.findall(r"[a-z]+", text)
    for i, day in enumerate(WEEKDAYS):
        if day in words and not ({"next", "last"} & set(words)):
            delta = (base.weekday() - i) % 7
            return (base - dt.timedelta(days=delta)).isoformat()
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return base.isoformat()
    parsed = _date_parser(base).get_date_data(expression).date_obj
    if parsed is None:
        return None
    if abs((parsed.date() - base).days) > 366 * 30:
        return None
    return parsed.date().isoformat()


@lru_cache(maxsize=32)
def _date_parser(base: dt.date):
    """One dateparser parser per article date: a new one costs ~15 ms more than parsing with one at
    hand, and holds ~1.5 MB, so only the last few dates keep theirs (news comes mostly in date order)."""
    import dateparser

    return dateparser.DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": [], "STRICT_PARSING": False})


def _sentence_date(sent: Span, article_date: str | None) -> str | None:
    for ent in doccache.ents_in(sent):
        if ent.label_ == "DATE":
            lowered = ent.text.lower()
            if ent.start > 0 and sent.doc[ent.start - 1].lower_ in ("since", "until", "till", "before", "after", "by", "from"):
                continue
            if re.fullmatch(r"\d{4}", lowered.strip()):
                continue
            words = set(re.findall(r"[a-z]+", lowered))
            if (words & {"decade", "decades", "century", "centuries", "years", "months", "weeks", "days"} and "ago" not in words) \
                    or lowered.startswith(("the past", "the last", "recent")):
                continue  # a duration ("over five years", "the next decade"), not a date
            resolved = resolve_date(ent.text, article_date)
            if resolved:
                return resolved
    return article_date


def _sentence_location(sent: Span, ents: ArticleEntities, fallback: str | None) -> tuple[str | None, str | None]:
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in ("in", "at", "near", "outside", "inside") and tok.head.pos_ in ("VERB", "AUX"):
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                m = ents.mention_at(pobj.i)
                name = m.entity.name if m else pobj.text
                country = (m.entity.country_code if m else None) or geo.country_code(name) or geo.city_country(name)
                return name, country
    if fallback:
        return fallback, geo.city_country(fallback) or geo.country_code(fallback)
    return None, None


def extract_events(doc: Doc, ents: ArticleEntities, article_date: str | None = None,
                   dateline_city: str | None = None) -> list[Event]:
    events: list[Event] = []
    for sent in doc.sents:
        chosen = _choose_trigger(sent)
        if chosen is None:
            continue
        trigger, kind = chosen
        verb = _verb_of(trigger)
        negated = _is_negated(trigger) or _is_negated(verb)
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_VERBS:
            negated = True
        if trigger.lemma_.lower() in REFUSAL_VERBS and any(
                c.dep_ == "xcomp" and _trigger_type(c) in COOPERATIVE for c in trigger.children):
            negated = True  # "refused to meet": a meeting that did not happen
        if negated and kind in COOPERATIVE:
            kind = "REJECT"
        elif not negated:
            kind = _modality(trigger, verb, kind)
        subj = _subject(verb)
        if subj is None and trigger.pos_ == "NOUN":
            subj = next((c for c in trigger.children if c.dep_ == "poss"), None)
        if subj is not None and not _is_actor(subj):
            subj = _actor_in(subj) or subj
        obj = _object(trigger, verb, subj)
        speech = verb.head if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in SPEECH_VERBS else None
        if speech is not None:
            speaker = _subject(speech)
            if kind == "DEMAND" and _trigger_type(trigger) != "DEMAND" and speaker is not None:
                obj, subj = subj, speaker  # "Russia said Sudan must return the helicopter": Russia demands of Sudan
            elif subj is not None and subj.pos_ == "PRON" and speaker is not None:
                subj = speaker  # "Palestinian leaders said they would boycott …"
        src = _phrase(subj) if subj is not None else None
        tgt = _phrase(obj) if obj is not None else None
        if (obj is None or not _is_actor(obj)) and subj is not None and kind in SYMMETRIC:
            # "Pakistan and Russia agreed": the first conjunct is the source, the second the target
            conj = next((c for c in subj.children if c.dep_ == "conj"), None)
            if conj is not None:
                src = subj.doc[_phrase(subj).start:max(subj.i + 1, min(t.i for t in conj.subtree) - 1)]
                src = _trim_span(src)
                tgt = _phrase(conj)
        src_text, src_country = _actor(src, ents)
        tgt_text, tgt_country = _actor(tgt, ents)
        if src_country is None and src is not None and any(m.entity.type == "PERSON" for m in ents.in_span(src)):
            # "Planning Minister Tran Xuan Gia said Vietnam …": a person's country from the one country the sentence names
            named = {m.entity.country_code for m in ents.in_span(sent) if m.entity.country_code} - {tgt_country}
            if len(named) == 1:
                src_country = named.pop()
        location, location_country = _sentence_location(sent, ents, dateline_city)
        events.append(Event(
            event_type=kind, quad_class=QUAD_CLASS[kind], trigger=trigger.text,
            source_actor=src_text, source_country=src_country,
            target_actor=tgt_text, target_country=tgt_country,
            event_date=_sentence_date(sent, article_date), location=location, location_country=location_country,
            sentence_start=sent.start_char, sentence_end=sent.end_char, negated=negated,
            trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text)))
    return events
