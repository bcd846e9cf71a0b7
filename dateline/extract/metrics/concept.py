"""Concept: what a quantity measures. The thing it is "of" or "in", the noun it belongs to or
modifies, the subject of its clause, most specific first ("the 46 per cent increase in bilateral
trade" → bilateral trade; "Dell announced plans to lay off 6,650 employees" → Dell), up to three."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dateline.extract import doccache, syntax
from dateline.extract.metrics.rules import MetricRules
from dateline.extract.metrics.units import unit_name

MAX_PARTS = 3
INDEX_NAME = re.compile(r"[A-Z]\w*[&/][A-Z]\w*|[A-Z]{2,}\w*")  # "S&P", "FTSE": an index named with a number
NOT_CONCEPTS = ("DATE", "TIME", "MONEY", "PERCENT")  # labels of a phrase that cannot be what is measured
PLACE_PREPS = ("from", "in", "at", "on", "for", "of")
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def concept(number: Token, head: Token, unit_end: int, rules: MetricRules, counted: bool = False) -> str | None:
    """The concept of the quantity whose number is `number`, whose last word is `head` and whose unit
    ends before token `unit_end`; `counted` when its unit is the noun it counts."""
    parts: list[str] = []
    add = _adder(parts, number, rules)
    while head.dep_ == "pobj" and head.head.lower_ == "per" and head.head.head.i < head.i:
        head = head.head.head  # "a speed of 15 miles per hour": the miles, not the hour
    if head.dep_ == "npadvmod" and number.i <= head.head.i < head.i:
        head = head.head  # "1.08 dlrs a share": the dollars
    add(_row_label(number))
    add(_item_label(number, rules))
    add(_name_before(number, head, rules))
    for phrase in _of_phrases(head, unit_end, rules):
        add(phrase)
    add(_money_in(number, head, unit_end, rules))
    add(_what_changes(head, rules))
    add(_owner(_first_conjunct(head), rules))
    add(_described(head, rules))
    add(_modified_noun(head, rules))
    ids = set(range(number.i, max(unit_end, number.i + 1))) | {head.i}
    verb = _clause_verb(head)
    # "One proposal asks Amazon's board …": counted things that are the clause's subject measure nothing else in it
    counted_subject = counted and head.dep_ in syntax.SUBJECT_DEPS
    if _oblique_of(head, verb) or (not parts and not counted_subject and head.dep_ not in syntax.SUBJECT_DEPS):
        add(_acted_on(verb, ids, rules))  # "estimated at 535 bn CFA francs the overall loss", "extend warranties by a year"
    if head.dep_ not in syntax.SUBJECT_DEPS:
        add(subject_phrase(verb, ids, rules))
    if len(parts) < 2 and not counted_subject:
        add(_acted_on(verb, ids, rules))
    add(_compared_to(head, rules))
    if not parts:
        add(_counted_place(head, unit_end, rules))
    if not parts and not counted_subject:
        add(neighbour_noun(number.doc, min(number.i, head.i), max(unit_end, head.i + 1), rules))
    root = doccache.sentence(number).root
    if len(parts) < 2 and root.i != verb.i and not counted_subject and root.lemma_.lower() not in rules.speech_verbs:
        # the sentence's own subject as well ("The debris field stretched …, but most landed in 47 feet"), not its speaker
        add(subject_phrase(root, ids, rules))
    return ", ".join(_names_last(list(dict.fromkeys(parts))[:MAX_PARTS], number)) or None


def _names_last(parts: list[str], number: Token) -> list[str]:
    """A name on its own ("GM", "Central Bank") says whose figure it is, not what it measures: after the
    phrases that do ("GM, figures" → "figures, GM")."""
    return sorted(parts, key=lambda p: _is_name(p, number))


def _is_name(phrase: str, number: Token) -> bool:
    sent = doccache.sentence(number)
    names = doccache.memo(number.doc, ("names", sent.start), lambda: {
        e.text.lower().removeprefix("the ") for e in doccache.ents(number.doc)
        if sent.start <= e.start < sent.end and e.label_ in NAME_LABELS})
    return phrase.lower().removeprefix("the ") in names


def _adder(parts: list[str], number: Token, rules: MetricRules):
    """Adds a phrase that can name what is measured: not the unit of a number of the sentence ("fell two
    pct to 78,508 cars": "pct" is no concept of the cars; "the pound fell" keeps "pound")."""
    sent = doccache.sentence(number)
    units = doccache.memo(number.doc, ("units", sent.start), lambda: {
        t.text for t in sent[1:] if t.nbor(-1).like_num and unit_name(t.text, rules)})

    def add(phrase: str | None) -> None:
        if phrase and phrase not in units:  # (a noun phrase of numbers and symbols only comes out empty)
            parts.append(phrase)
    return add


def noun_phrase(tok: Token, rules: MetricRules) -> str:
    """The words of a concept phrase: the head and its modifiers on the head's own line (a table's next row
    or a heading is another phrase), without numbers (a name with digits stays: "M-1", "F-16"),
    magnitudes ("mln"), symbols and pronouns."""
    text = doccache.text(tok.doc)
    words = [t for t in syntax.head_with_modifiers(tok) if not t.like_num and t.pos_ not in ("PRON", "SYM", "NUM", "ADV")
             and t.tag_ != "POS" and not (any(ch.isdigit() for ch in t.text) and not t.text[:1].isalpha()) and t.text not in rules.currency_prefixes
             and not t.is_space and t.lower_ not in rules.numbers.magnitudes and "\n" not in text[min(t.idx, tok.idx):max(t.idx, tok.idx)]
             and (t.i == tok.i or not _unit_of_a_number(t, rules))]
    # written as in the text where the words are neighbours ("pre-tax", not "pre - tax")
    return "".join(t.text + (t.whitespace_ if k + 1 < len(words) and words[k + 1].i == t.i + 1 else " ")
                   for k, t in enumerate(words)).strip()


def _unit_of_a_number(tok: Token, rules: MetricRules) -> bool:
    """"a 4-3/4 pct 10-year bond", "a million dollar house": a unit right after a number (or its hyphen)
    is that number's, not a word of what the bond or the house is."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and before.text == "-" and tok.i > 1:
        before = doc[tok.i - 2]
    if before is None or not (before.like_num or before.lower_ in rules.numbers.magnitudes):
        return False
    return unit_name(tok.text, rules) not in (None, "-")


def subject_phrase(verb: Token, skip: set[int], rules: MetricRules) -> str | None:
    """The subject of the clause a quantity sits in, climbing through relative clauses ("Ford, which has
    13,000 workers" → Ford), infinitives, coordinated verbs and the phrases above them to the clause that
    names it ("Dell announced plans to lay off 6,650 employees" → Dell)."""
    for node in syntax.clause_chain(verb, None, limit=8):
        child = syntax.subject_child(node, accept=lambda c: c.i not in skip and c.pos_ != "PRON")
        if child is not None:
            return noun_phrase(child, rules) or None
        if node.dep_ == "relcl" and any(c.dep_ == "advmod" and c.tag_ == "WRB" for c in node.children):
            return None  # "at a time when it has 37,000 employees on layoff": a clause of when or where owns nothing
        if node.dep_ == "relcl" and node.head.i not in skip:
            return noun_phrase(node.head, rules) or None
        if node.dep_ == "acl" and node.tag_ in ("VBG", "VBN") and node.head.i not in skip and node.head.pos_ == "NOUN":
            return noun_phrase(node.head, rules) or None  # "a eurobond paying 15 pct": the eurobond
    return None


def _row_label(number: Token) -> str | None:
    """"Net 565,106 vs 121,997", "Shr loss 72 cts vs loss 1.48 dlrs": in a table row (a line of a label,
    a figure, "vs" and the one before) the label names what both its figures measure."""
    doc, text = number.doc, doccache.text(number.doc)
    line_start = text.rfind("\n", 0, number.idx) + 1
    line_end = text.find("\n", number.idx)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    first_figure = _first_figure(doc, line_start, line_start + len(line))  # a digit or a number word: "Annual div six dlrs vs 12"
    if " vs " not in line or first_figure is None or first_figure > number.idx:
        return None
    label_end = first_figure
    label = text[line_start:label_end].strip()
    if not label or len(label.split()) > 4:
        return None
    words = doc.char_span(line_start, line_start + len(text[line_start:label_end].rstrip()), alignment_mode="contract")
    if words is None or not len(words) or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    return label


def _item_label(number: Token, rules: MetricRules) -> str | None:
    """"Soyabean oil imports were 32,000 (48,200), sunflower oil 61,600 (92,800)": in a list, the nouns that
    open an item right before its figure name what it measures."""
    doc = number.doc
    k = number.i - 1
    while k >= 0 and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[k].like_num and number.i - k <= 4:
        k -= 1
    words = doc[k + 1:number.i]
    if not len(words) or k < 0 or doc[k].lower_ not in (",", ";", "and") or any(t.ent_type_ in ("DATE", "TIME") for t in words):
        return None
    return " ".join(t.text for t in words if t.text not in rules.currency_prefixes) or None  # the item's own words


def _first_figure(doc: Doc, start: int, end: int) -> int | None:
    """Where the first number of a line of text starts."""
    line = doc.char_span(start, end, alignment_mode="expand")
    return next((t.idx for t in line if t.like_num), None) if line is not None else None


def _name_before(number: Token, head: Token, rules: MetricRules) -> str | None:
    """"Unite Group, down 68 p", "Dow +0.2%", "S&P 500 +0.3%": a name right before the quantity."""
    doc = number.doc
    k = min(number.i, head.i) - 1
    while k >= 0 and (doc[k].text in (",", "(", "+", "-") or doc[k].lower_ in ("up", "down", "by", "worth", "at")):
        k -= 1
    apart = k < min(number.i, head.i) - 1 or number.text[:1] in "+-"  # "Nasdaq +0.8%"
    if not apart or k < 0:
        return None
    if k >= 1 and doc[k].like_num and INDEX_NAME.fullmatch(doc[k - 1].text):
        return f"{doc[k - 1].text} {doc[k].text}"  # an index named with a number: "FTSE 100 fell 1%"
    if doc[k].pos_ == "PROPN" and doc[k].ent_type_ not in ("DATE", "TIME", "GPE"):
        return noun_phrase(doc[k], rules) or doc[k].text
    return None


def _of_phrases(head: Token, unit_end: int, rules: MetricRules) -> list[str | None]:
    """"a 46 per cent increase in bilateral trade", "60 per cent of its revenue"."""
    measures = rules.changes | rules.share_nouns
    anchors = [head] + ([head.head] if head.head.pos_ == "NOUN" and head.head.lemma_.lower() in measures else [])
    found = []
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ != "prep" or child.i < unit_end - 1 or not (
                    child.lower_ == "of" or (child.lower_ in ("in", "on") and anchor.lemma_.lower() in measures)):
                continue
            found.append(_thing_after(child, rules))
    return found


def _thing_after(prep: Token, rules: MetricRules, not_things: tuple[str, ...] = (*NOT_CONCEPTS, "GPE", "LOC")) -> str | None:
    """The noun phrase a preposition governs, unless it is a number, a date, a figure or a place."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.like_num or pobj.ent_type_ in not_things:
        return None
    return noun_phrase(pobj, rules) or None


def _what_changes(head: Token, rules: MetricRules) -> str | None:
    """"a decline in GDP growth to 1.75 pct", "a rise in inflation from two pct": a figure that a change goes
    to, from or by is a figure of what changes."""
    change = head.head.head
    if head.dep_ == "pobj" and change.pos_ == "VERB":
        # "approved an increase in the quarterly dividend to 18 cts": the change is the verb's object
        change = next((c for c in change.children if c.dep_ == "dobj"), change)
    if head.dep_ != "pobj" or head.head.lower_ not in ("to", "from", "by") or change.pos_ != "NOUN" \
            or change.lemma_.lower() not in rules.changes:
        return None
    preps = (c for c in change.children if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i < head.i)
    return next((thing for thing in (_thing_after(p, rules) for p in preps) if thing), None)


def _money_in(number: Token, head: Token, unit_end: int, rules: MetricRules) -> str | None:
    """"5 mln dlrs in cash", "owes 8.5 billion dlrs in long and medium term loans": an amount of money right
    before "in" and a thing is an amount of that thing (a date or a place after "in" is not)."""
    doc = number.doc
    money = unit_name(head.text, rules) in rules.currencies or (
        number.i > 0 and doc[number.i - 1].text in rules.currency_prefixes)
    if not money or unit_end >= len(doc) or doc[unit_end].lower_ != "in" or doc[unit_end].head.i not in (head.i, head.head.i):
        return None
    return _thing_after(doc[unit_end], rules, (*NOT_CONCEPTS, "GPE", "LOC", "ORDINAL", "CARDINAL"))


def _first_conjunct(head: Token) -> Token:
    """"net income of 3.7 mln dlrs or 36 cts per share": a figure given two ways sits where the first does."""
    return head.head if head.dep_ == "conj" and head.head.i < head.i and head.head.pos_ in ("NOUN", "NUM", "SYM") else head


def _owner(head: Token, rules: MetricRules) -> str | None:
    """"a net worth of 1.356 billion", "a fine of $7.5 million": the noun the quantity belongs to."""
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "at", "with") and head.head.head.pos_ in ("NOUN", "PROPN"):
        owner = head.head.head
        if owner.dep_ == "pobj" and owner.head.lower_ == "per" and owner.head.head.pos_ == "NOUN":
            return f"{noun_phrase(owner.head.head, rules)} per {owner.text}"  # "earnings per share of 22 cts"
        return noun_phrase(owner, rules)
    return None


def _described(head: Token, rules: MetricRules) -> str | None:
    """"a eurobond … priced at 101 pct", "a program costing 8.9 billion dlrs": a figure of a participle that describes
    a noun measures that noun; "sell for 40 mln dlrs its Network Services facility": a noun the parser put
    in apposition to an amount is what the amount is of."""
    apposed = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if apposed is not None:
        return noun_phrase(apposed, rules)
    if head.dep_ == "dobj":
        verb = head.head  # "an economic program costing 8.9 billion dlrs"
    elif head.dep_ == "pobj" and head.head.dep_ == "prep":
        verb = head.head.head
    else:
        return None
    hops = 0
    while verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ == "VERB" and hops < 3:
        verb, hops = verb.head, hops + 1  # "an engine tuned by M-Sport to produce just under 296 hp"
    if verb.pos_ == "VERB" and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        return noun_phrase(verb.head, rules)
    return None


def _modified_noun(head: Token, rules: MetricRules) -> str | None:
    """"a 0.6 per cent fee", "a 1,750,000-dlr working capital loan": the noun the quantity modifies (or, for a
    change, what changes)."""
    if head.dep_ in ("compound", "amod", "nummod", "npadvmod", "nmod") and head.head.pos_ == "NOUN" and head.head.i > head.i:
        if head.head.lemma_.lower() not in rules.changes:
            return noun_phrase(head.head, rules)
        # "a 300 mln dlr M-1 rise": what rises is the change's own modifier
        changed = [c for c in head.head.children if c.dep_ == "compound" and c.i > head.i and not c.like_num]
        return noun_phrase(changed[-1], rules) if changed else None
    return None


def _compared_to(head: Token, rules: MetricRules) -> str | None:
    """"53 basis points more than the yield of Treasuries": a difference measures against what it is compared to."""
    degree = head.head
    if head.dep_ != "npadvmod" or degree.pos_ not in ("ADJ", "ADV") or degree.i < head.i:
        return None
    than = next((c for c in degree.children if c.dep_ == "prep" and c.lower_ == "than"), None)
    pobj = next((c for c in than.children if c.dep_ == "pobj"), None) if than is not None else None
    return noun_phrase(pobj, rules) if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") else None


def _oblique_of(head: Token, verb: Token) -> bool:
    """A quantity in a preposition of its clause's verb ("boost the range by 35 miles", "estimated at …")."""
    return head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i == verb.i and verb.pos_ == "VERB"


def _clause_verb(head: Token) -> Token:
    verb, hops = head, 0
    while verb.dep_ != "ROOT" and verb.pos_ not in ("VERB", "AUX") and hops < 8:
        verb = verb.head
        hops += 1
    return verb


def _acted_on(verb: Token, ids: set[int], rules: MetricRules) -> str | None:
    """"boost the driving range by 35 miles": what the verb acts on."""
    acted = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i not in ids
             and c.pos_ in ("NOUN", "PROPN") and not any(t.like_num for t in c.subtree)]
    obj = min(acted, key=lambda c: c.dep_ == "nsubj", default=None)  # what is acted on before who acts
    return noun_phrase(obj, rules) if obj is not None else None


def _counted_place(head: Token, unit_end: int, rules: MetricRules) -> str | None:
    """"47.6% from the field", "$1 billion in gains", "students at Heidelberg University": where it is
    counted, on the quantity or, after it, on the verb it measures ("shooting 47.6% from the field")."""
    top = head
    while top.dep_ in ("quantmod", "nmod", "compound") and top.head.pos_ in ("NUM", "SYM") and top.head.i > top.i:
        top = top.head  # "$" → "billion" in "$1 billion in gains"
    places = list(top.children)
    if top.dep_ in ("npadvmod", "dobj") and top.head.pos_ == "VERB":
        places += [c for c in top.head.children if c.i > top.i]
    for child in places:
        if child.dep_ == "prep" and child.i >= unit_end - 1 and child.lower_ in PLACE_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and not pobj.like_num and pobj.ent_type_ not in NOT_CONCEPTS:
                return noun_phrase(pobj, rules)
    return None


def neighbour_noun(doc: Doc, start: int, end: int, rules: MetricRules) -> str | None:
    """The last resort: the noun the quantity's words hang on after it ("a 352 μm pixel pitch", "a 6kW
    electric motor"), else the name just before it with no verb between ("Dow +0.2%", "RHP John Gant
    (0.5 WAR)", "MacBook Pro 16 inch")."""
    for t in doc[start:end]:
        h = t.head
        while h.dep_ in ("compound", "amod") and h.head.i > h.i and h.i >= end:
            h = h.head  # "a 352 μm pixel pitch": through "pixel" to the pitch
        phrase = noun_phrase(h, rules) if h.i >= end and h.pos_ in ("NOUN", "PROPN") and h.i - end < 4 and not h.like_num else ""
        if phrase:
            return phrase
    sent_start = doccache.sentence(doc[start]).start
    for k in range(start - 1, max(sent_start, start - 7) - 1, -1):
        t = doc[k]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
            return None
        if t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.ent_type_ not in ("DATE", "TIME"):
            head = t
            while head.dep_ == "compound" and head.head.i > head.i and head.head.i < start:
                head = head.head
            return noun_phrase(head, rules) or t.text
    return None
