"""Metrics: every quantity a text states, with value, range, unit, change and concept.

A number (digits, words, `$1.2bn`) is found on the tokens; a currency before it or a unit after it
is named in quantulum3's style (quantulum3's own unit dictionary, with vocab/units.tsv correcting
what it gets wrong such as "per cent"); a counted noun ("13,000 workers") is its own unit. The parse
gives the change ("rose 19 cents" → up, "about" → ~, "more than" → >) and the concept, the thing
measured ("the 46 per cent increase in bilateral trade" → "bilateral trade"). Dates, years, times,
ordinals, phone numbers and numbers that are part of a name ("iPhone 11") are not metrics.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dateline.extract import doccache
from spacy.tokens import Doc, Token

from dateline import cache, vocab
from dateline.extract.numbers import FRACTIONS, MAGNITUDES, NUMBER_WORDS, ORDER_RANGES, parse_digits, parse_number

APPROX = {"about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa", "c.", "estimated",
          "approx", "approx.", "close", "an", "~"}
MORE = {"more", "over", "above", "exceeding", "least", "upwards", "greater", "higher", "excess", "beyond", "plus"}
LESS = {"less", "under", "below", "fewer", "most", "lower", "within", "just", "only", "barely"}
UP = {"rise", "increase", "up", "gain", "jump", "climb", "grow", "surge", "soar", "add", "raise", "boost", "hike",
      "rally", "advance", "rebound", "spike", "growth", "widen", "higher", "expand", "improve", "lift", "gained",
      "rose", "climbed", "jumped", "soared", "surged", "added", "increased", "advanced"}
DOWN = {"fall", "decrease", "down", "drop", "decline", "lose", "slide", "slip", "plunge", "sink", "cut", "shed",
        "tumble", "dip", "reduce", "lower", "shrink", "slump", "ease", "narrow", "loss", "contract", "retreat", "plummet",
        "fell", "dropped", "lost", "slid", "declined", "plunged", "tumbled", "sank", "slipped", "decreased"}
SHARE_NOUNS = {"share", "stake", "percent", "cent", "percentage", "proportion", "portion", "fraction", "rate", "level",
               "margin", "value", "total", "price", "cost"}
DURATIONS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
             "minutes", "second", "seconds", "decade", "decades", "century", "centuries"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
CURRENCY_NAMES = {"dollar", "euro", "pound sterling", "japanese yen", "chinese yuan", "pakistani rupee",
                  "indian rupee", "australian dollar", "canadian dollar", "hong kong dollar", "singapore dollar",
                  "new zealand dollar", "malaysian ringgit", "shekel", "cent", "penny", "swiss franc",
                  "russian ruble", "south korean won", "swedish krona", "turkish lira", "south african rand",
                  "nigerian naira", "mexican peso", "brazilian real", "sen"}
GLUED_RE = re.compile(r"^(?P<pre>US\$|\$US|A\$|\$A|C\$|HK\$|S\$|NZ\$|USD|EUR|GBP|JPY|INR|RM|Y=|PS|Rs\.?|~|minus-|\+|[$€£¥₹])?"
                      r"(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suf>[A-Za-zµμ%°/²³″′]+[23]?)?$")
PREFIX_CURRENCY = {"US$": "dollar", "$US": "dollar", "A$": "australian dollar", "$A": "australian dollar",
                   "C$": "canadian dollar", "HK$": "hong kong dollar", "S$": "singapore dollar",
                   "NZ$": "new zealand dollar", "Y=": "japanese yen", "PS": "pound sterling", "$": "dollar",
                   "€": "euro", "£": "pound sterling", "¥": "japanese yen", "₹": "indian rupee", "Rs": "pakistani rupee",
                   "Rs.": "pakistani rupee", "USD": "dollar", "EUR": "euro", "GBP": "pound sterling",
                   "JPY": "japanese yen", "INR": "indian rupee", "RM": "malaysian ringgit"}
# after a "$" token, "US55,931,000" and "A82,615,680" carry the country of the dollar
DOLLAR_COUNTRY = {"US": "dollar", "A": "australian dollar", "C": "canadian dollar", "HK": "hong kong dollar",
                  "S": "singapore dollar", "NZ": "new zealand dollar"}
GLUED_MAGNITUDES = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "B": 1e9,
                    "tn": 1e12, "trn": 1e12}
# nouns after which a number names something rather than measures it: "category 4", "Channel 5", "page 12"
LABEL_NOUNS = {"category", "phase", "stage", "grade", "tier", "article", "section", "chapter", "page", "room", "gate",
               "platform", "route", "channel", "version", "covid", "sp", "zip", "apt", "suite", "no", "vol", "episode"}
STREET_WORDS = {"Road", "Rd", "Street", "St", "Avenue", "Ave", "Way", "Lane", "Ln", "Drive", "Dr", "Boulevard", "Blvd",
                "Place", "Pl", "Court", "Ct", "Terrace", "Crescent", "Close", "Square", "Highway", "Parkway"}
PHONE_RE = re.compile(r"^\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}$|^\d{3}-\d{4}$")


@dataclass
class Metric:
    value: float
    value_max: float | None
    unit: str
    normalized_unit: str
    change: str
    concept: str | None
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _quantulum_units() -> dict[str, dict[str, str]]:
    """quantulum3's unit names by symbol, by surface form and by lower-cased surface form.

    Loading quantulum3 takes seconds (it pluralises every unit with `inflect`), in every model process,
    so the three lookups it gives are kept in the user's cache folder once per quantulum3 version."""
    from importlib.metadata import version

    return cache.json_table(f"quantulum3-units-{version('quantulum3')}.json", _build_quantulum_units)


def _build_quantulum_units() -> dict[str, dict[str, str]]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is not installed
        from quantulum3 import classifier, load

    classifier.USE_CLF = False  # its pickled classifier fails to load beside current scikit-learn
    units = load.units("en_US")
    return {name: {key: sorted(u.name for u in hit)[0] for key, hit in table.items() if hit}
            for name, table in (("symbols", units.symbols), ("surfaces", units.surfaces),
                                ("surfaces_lower", units.surfaces_lower))}


@lru_cache(maxsize=1)
def _case_sensitive_units() -> dict[str, str]:
    return {row[0]: row[1] for row in reversed(vocab.rows("units_case.tsv"))}


def unit_name(surface: str) -> str | None:
    """quantulum3's name for a unit surface form ("miles" → "mile"), with the project's corrections first."""
    s = surface.strip().rstrip("-")
    if s in _case_sensitive_units():
        return _case_sensitive_units()[s]
    if s.lower() in ("pound", "pounds", "lb", "lbs"):
        return "pound-mass"  # money in pounds is written "£" or "pounds sterling" (see _currency_before)
    own = vocab.table("units.tsv")
    if s.lower() in own:
        return own[s.lower()]
    units = _quantulum_units()
    for table, key in (("symbols", s), ("surfaces", s), ("surfaces_lower", s.lower())):
        name = units[table].get(key)
        if name:
            return None if name == "dimensionless" else name
    return None


def _glued(tok: Token) -> re.Match | None:
    """`10kW`, `1.38pc`, `PS2.7`, `US55,931,000` (after `$`), `~25`, `40min`: a number with its unit or currency attached."""
    m = GLUED_RE.match(tok.text)
    if m and (m.group("pre") or m.group("suf")):
        return m
    if tok.i > 0 and tok.doc[tok.i - 1].text == "$":
        m2 = re.match(r"^(?P<pre>US|A|C|HK|S|NZ)(?P<num>\d[\d,]*(?:\.\d+)?)(?P<suf>[A-Za-z]+)?$", tok.text)
        if m2:
            return m2
    return None


_HAS_DIGIT = re.compile(r"\d")


def _is_number_token(tok: Token) -> bool:
    t = tok.text
    if not _HAS_DIGIT.search(t) and t.lower() not in NUMBER_WORDS and t.lower() != "dozen" and "-" not in t:
        return False  # the common case, decided without parsing
    if _glued(tok) is not None:
        return True
    t = tok.text
    if parse_digits(t) is not None:
        return True
    if re.match(r"^\d[\d,.]*(k|m|bn|mln|b|tn)$", t, re.I):
        return True
    return t.lower() in NUMBER_WORDS or t.lower() in ("dozen",) or ("-" in t and parse_number(t) is not None and not re.search(r"\d", t))


def _glued_magnitude(tok: Token) -> str:
    """`m` of "$5.4m", also when the sentence's full stop stays on it ("$5.4m.")."""
    return tok.text[:-1] if tok.text.endswith(".") and tok.is_sent_end else tok.text


def _excluded(tok: Token, value: float, unit: str | None, has_currency: bool) -> bool:
    doc = tok.doc
    has_unit = bool(unit)
    # "32m2", "3687 mAh", "5pc": the model's NER takes some measures for dates or ordinals; a unit of
    # anything but time says otherwise
    measure = has_unit and unit.split()[0] not in DURATIONS
    t = tok.text
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if (tok.ent_type_ == "ORDINAL" and not measure) or re.match(r"^\d+(st|nd|rd|th)$", t, re.I):
        return True
    if PHONE_RE.match(t) or (":" in t):
        return True
    if has_currency:
        return False
    if tok.ent_type_ in ("DATE", "TIME") and not measure:
        window = {w.lower_ for w in doc[tok.i + 1:tok.i + 3]}
        if not (window & DURATIONS) or ({w.lower_ for w in doc[max(0, tok.i - 2):tok.i + 3]} & CALENDAR):
            return True
    if prev is not None and prev.lower_ in CALENDAR or (nxt is not None and nxt.lower_ in CALENDAR and value <= 31):
        return True
    if re.fullmatch(r"(1[5-9]|20)\d\d", t) and not has_unit:
        return True  # a year
    if prev is not None and prev.text in ("No", "No.", "#", "number", "Number") and not has_unit:
        return True
    if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and not has_unit and prev.i > 0 \
            and prev.lower_ not in ("us", "a", "c", "hk") and prev.ent_type_ not in ("GPE", "NORP"):
        return True  # "iPhone 11", "Big 12", "Fortune 100"
    if prev is not None and not has_unit and (re.fullmatch(r"[a-z]+[A-Z]\w*|[A-Z]{2,}|[A-Z]\w*[&/][A-Z]\w*", prev.text)
                                              or prev.lower_ in LABEL_NOUNS) and prev.lower_ not in ("us", "hk"):
        return True  # "iPhone 11", "FTSE 100", "COVID-19", "S&P 500", "category 4", "Channel 5"
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not has_unit and re.fullmatch(r"\d+(-\d+)?", t):
        names = [w for w in doc[tok.i + 1:tok.i + 5] if w.text[:1].isupper()]
        if any(w.text.rstrip(".") in STREET_WORDS for w in names):
            return True  # "575 Wilbraham Road", "16-18 Industrial Avenue": an address
    if nxt is not None and nxt.text in ("-", "–") and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in DURATIONS | {"point", "year-old", "old"} and doc[tok.i + 2].dep_ == "amod":
        return True
    if "-" in t and re.search(r"[a-z]", t, re.I) and not re.match(r"^\w+-\w+$", t):
        return True
    if t.lower() == "one" and (tok.dep_ not in ("nummod",) or tok.head.i < tok.i):
        return True
    return False


def _match_unit_after(doc: Doc, j: int) -> tuple[str, str, int] | None:
    """The longest unit that starts at token j: (surface, name, tokens used)."""
    toks, size = doccache.tokens(doc), len(doc)
    if j < size and toks[j].text in ("-", "–") and j > 0 and toks[j - 1].whitespace_ == "":
        inner = _match_unit_after(doc, j + 1)  # "6.1-inch", "five-year", "a 5-mpg gain"
        return (inner[0], inner[1], inner[2] + 1) if inner else None
    if j + 2 < size and toks[j].lower_ in ("year", "years", "month", "months", "week", "weeks", "day", "days") \
            and toks[j + 1].text == "-" and toks[j + 2].lower_ == "old":
        return doc[j:j + 3].text, toks[j].lemma_.lower() + " of age", 3  # "200,000-year-old"
    if j + 1 < size and toks[j].lower_ in ("years", "year") and toks[j + 1].lower_ == "old":
        return doc[j:j + 2].text, "year of age", 2
    text = doccache.text(doc)
    for n in (4, 3, 2, 1):
        if j + n > size:
            continue
        span = toks[j:j + n]
        if n > 1 and any(t.is_punct and t.text not in ("/", "-", "$") for t in span):
            continue
        surface = text[span[0].idx:span[-1].idx + len(span[-1].text)]
        name = unit_name(surface)
        if not name and surface.endswith(".") and span[-1].is_sent_end:
            name = unit_name(surface[:-1])  # "$80 per sq m." at a sentence end
        if name and name != "-":
            return surface, name, n
    return None


def _currency_before(doc: Doc, i: int) -> tuple[str, str, int] | None:
    """A currency written before the number ("$", "US $", "Rs", "€"): (surface, name, first token)."""
    for n in (2, 1):
        k = i - n
        if k < 0:
            continue
        if n == 2 and not (doc[k].text.isupper() and (doc[k].whitespace_ == "" or doc[k].text in ("US", "HK", "NZ"))):
            continue  # "US$" / "HK $" as written, never "a $3500"
        surface = doc[k:i].text
        if doc[i - 1].pos_ == "VERB":
            continue  # "won four finals": a verb, not the Korean currency
        name = unit_name(surface.replace(" ", "")) or unit_name(surface)
        if name in CURRENCY_NAMES:
            return surface, name, k
    return None


def _change(doc: Doc, first: int, number: Token, head: Token) -> str:
    before = [t.lower_ for t in doc[max(0, first - 3):first]]
    # "Blackmores up 9.4 per cent", "Qualcomm rose 4%", "gained 3%", "plummeting 65%": the change word right before
    adjacent = doc[first - 1] if first > 0 else None
    if adjacent is not None and adjacent.lower_ == "by" and first > 1:
        adjacent = doc[first - 2]
    if adjacent is not None and adjacent.pos_ in ("VERB", "ADV", "ADP", "ADJ") and adjacent.lower_ not in ("to", "at", "from", "of"):
        if adjacent.lemma_.lower() in UP or adjacent.lower_ in UP:
            return "up"
        if adjacent.lemma_.lower() in DOWN or adjacent.lower_ in DOWN:
            return "down"
    if len(before) >= 2 and before[-1] in APPROX | MORE | LESS | {"minus"} and adjacent is not None:
        # "up nearly 57%", "rose under 4%": the direction wins over the hedge
        mover = doc[first - 2]
        if mover.lemma_.lower() in UP or mover.lower_ in UP:
            return "up"
        if mover.lemma_.lower() in DOWN or mover.lower_ in DOWN:
            return "down"
    if before and before[-1] == "minus":
        before = before[:-1]  # "about minus 387 Fahrenheit"
    if before and before[-1] in ("average", "averaged", "averaging"):
        return "~"
    last2 = " ".join(before[-2:])
    if last2 in ("up to", "as many", "as much", "no more", "not more") or (before and before[-1] in ("to",) and len(before) > 1 and before[-2] == "up"):
        return "<" if last2 == "up to" or "no" in last2 or "not" in last2 else ">"
    if before:
        if before[-1] in APPROX - {"an", "close"} or last2 in ("close to", "in excess") or before[-1] == "approximately":
            return "~" if before[-1] in APPROX else ">"
        if before[-1] in ("than",) and len(before) > 1:
            return ">" if before[-2] in MORE else "<" if before[-2] in LESS else "="
        if last2 in ("at least",):
            return ">"
        if last2 in ("at most",) or before[-1] in ("under", "below", "fewer", "within"):
            return "<"
        if before[-1] in ("over", "above", "exceeding", "beyond"):
            return ">"
        if before[-1] == "by" and first >= 2:
            verb = doc[first - 1].head
            if verb.lemma_.lower() in UP:
                return "up"
            if verb.lemma_.lower() in DOWN:
                return "down"
    # the quantity is the amount of a rise or fall: "rose 19 cents", "a 46 per cent increase", "up 4 per cent"
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "at", "from", "of", "in", "for"):
        return "="
    for anchor in (head, head.head):
        lemma = anchor.lemma_.lower()
        if anchor.i == head.i and head.i == number.i:
            continue
        if lemma in UP and anchor.i != number.i:
            return "up"
        if lemma in DOWN and anchor.i != number.i:
            return "down"
    return "="


def _noun_phrase(tok: Token) -> str:
    keep = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "advcl", "appos", "punct", "det", "prep", "cc", "conj")
            and not (t.i > tok.i and t.dep_ in ("pobj",))]
    keep = [t for t in keep if t.i <= tok.i or t.dep_ in ("compound",)]
    words = [t.text for t in sorted(keep, key=lambda t: t.i) if not t.like_num and t.pos_ not in ("PRON", "SYM", "NUM", "ADV")
             and t.tag_ != "POS" and not any(ch.isdigit() for ch in t.text) and t.text not in PREFIX_CURRENCY]
    return " ".join(words).strip()


def _subject_phrase(verb: Token, skip: set[int]) -> str | None:
    """The subject of the clause a quantity sits in, climbing through relative clauses ("Ford, which has
    13,000 workers" → Ford), infinitives, coordinated verbs and the phrases above them to the clause that
    names it ("Dell announced plans to lay off 6,650 employees" → Dell)."""
    for node in [verb, *verb.ancestors][:8]:
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in skip and child.pos_ != "PRON":
                return _noun_phrase(child) or None
        if node.dep_ == "relcl" and node.head.i not in skip:
            return _noun_phrase(node.head) or None
    return None


def _concept(number: Token, head: Token, unit_end: int, counted: bool = False) -> str | None:
    """What a quantity measures: the thing it is "of" or "in", the noun it modifies, and the subject
    of its clause, most specific first ("the 46 per cent increase in bilateral trade" → bilateral trade)."""
    doc = number.doc
    parts: list[str] = []

    def add(phrase: str | None) -> None:
        if phrase:  # a noun phrase of numbers and symbols only comes out empty
            parts.append(phrase)

    while head.dep_ == "pobj" and head.head.lower_ == "per" and head.head.head.i < head.i:
        head = head.head.head  # "a speed of 15 miles per hour": the miles, not the hour
    # "Unite Group, down 68 p", "Dow +0.2%", "RHP John Gant (0.5 WAR)": a name right before it
    k = min(number.i, head.i) - 1
    while k >= 0 and (doc[k].text in (",", "(", "+", "-") or doc[k].lower_ in ("up", "down", "by", "worth", "at")):
        k -= 1
    apart = k < min(number.i, head.i) - 1 or number.text[:1] in "+-"  # "Nasdaq +0.8%"
    if k >= 1 and apart and doc[k].like_num and re.fullmatch(r"[A-Z]\w*[&/][A-Z]\w*|[A-Z]{2,}\w*", doc[k - 1].text):
        add(f"{doc[k - 1].text} {doc[k].text}")  # an index named with a number: "S&P 500 +0.3%", "FTSE 100 fell 1%"
    elif k >= 0 and apart and doc[k].pos_ == "PROPN" and doc[k].ent_type_ not in ("DATE", "TIME", "GPE"):
        add(_noun_phrase(doc[k]) or doc[k].text)
    quantity_ids = set(range(number.i, max(unit_end, number.i + 1))) | {head.i}
    # "a 46 per cent increase in bilateral trade", "60 per cent of its revenue"
    anchors = [head] + ([head.head] if head.head.pos_ == "NOUN" and head.head.lemma_.lower() in UP | DOWN | SHARE_NOUNS else [])
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.i >= unit_end - 1 and (
                    child.lower_ == "of" or (child.lower_ in ("in", "on") and anchor.lemma_.lower() in UP | DOWN | SHARE_NOUNS)):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and not pobj.like_num and pobj.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "GPE", "LOC"):
                    phrase = _noun_phrase(pobj)
                    if phrase:
                        add(phrase)
    # "a net worth of 1.356 billion", "a fine of $7.5 million": the noun the quantity belongs to
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "at", "with") and head.head.head.pos_ in ("NOUN", "PROPN"):
        add(_noun_phrase(head.head.head))
    # "a 0.6 per cent fee": the noun the quantity modifies
    if head.dep_ in ("compound", "amod", "nummod", "npadvmod") and head.head.pos_ in ("NOUN",) and head.head.i > head.i \
            and head.head.lemma_.lower() not in UP | DOWN:
        add(_noun_phrase(head.head))
    # the subject of the clause the quantity sits in
    verb = head
    hops = 0
    while verb.dep_ != "ROOT" and verb.pos_ not in ("VERB", "AUX") and hops < 8:
        verb = verb.head
        hops += 1
    # "One proposal asks Amazon's board …", "The two sides have been negotiating": counted things that are
    # themselves the clause's subject measure nothing else in it
    counted_subject = counted and head.dep_ in ("nsubj", "nsubjpass")
    subject = None if head.dep_ in ("nsubj", "nsubjpass") else _subject_phrase(verb, quantity_ids)
    if subject:
        add(subject)
    if len(parts) < 2 and not counted_subject:
        # "boost the driving range by 35 miles": what the verb acts on
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i not in quantity_ids
                    and c.pos_ in ("NOUN", "PROPN") and not any(t.like_num for t in c.subtree)), None)
        if obj is not None:
            add(_noun_phrase(obj))
    if not parts:
        # "47.6% from the field", "$1 billion in gains", "students at Heidelberg University": where it is counted,
        # on the quantity or, after it, on the verb it measures ("shooting 47.6% from the field")
        top = head
        while top.dep_ in ("quantmod", "nmod", "compound") and top.head.pos_ in ("NUM", "SYM") and top.head.i > top.i:
            top = top.head  # "$" → "billion" in "$1 billion in gains"
        places = list(top.children)
        if top.dep_ in ("npadvmod", "dobj") and top.head.pos_ == "VERB":
            places += [c for c in top.head.children if c.i > top.i]
        for child in places:
            if child.dep_ == "prep" and child.i >= unit_end - 1 and child.lower_ in ("from", "in", "at", "on", "for", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and not pobj.like_num and pobj.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
                    add(_noun_phrase(pobj))
                    break
    if not parts and not counted_subject:
        add(_neighbour_noun(doc, min(number.i, head.i), max(unit_end, head.i + 1)))
    root = number.sent.root
    if len(parts) < 2 and root.i != verb.i and not counted_subject:
        # the sentence's own subject as well: "The debris field stretched …, but most landed in 47 feet of water"
        main = _subject_phrase(root, quantity_ids)
        if main:
            add(main)
    parts = [p for p in dict.fromkeys(parts) if p]
    return ", ".join(parts[:3]) or None


def _neighbour_noun(doc: Doc, start: int, end: int) -> str | None:
    """The last resort: the noun the quantity's words hang on after it ("a 352 μm pixel pitch", "a 6kW
    electric motor"), else the name just before it with no verb between ("Dow +0.2%", "RHP John Gant
    (0.5 WAR)", "MacBook Pro 16 inch")."""
    for t in doc[start:end]:
        h = t.head
        while h.dep_ in ("compound", "amod") and h.head.i > h.i and h.i >= end:
            h = h.head  # "a 352 μm pixel pitch": through "pixel" to the pitch
        phrase = _noun_phrase(h) if h.i >= end and h.pos_ in ("NOUN", "PROPN") and h.i - end < 4 and not h.like_num else ""
        if phrase:
            return phrase
    sent_start = doc[start].sent.start
    for k in range(start - 1, max(sent_start, start - 7) - 1, -1):
        t = doc[k]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
            return None
        if t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.ent_type_ not in ("DATE", "TIME"):
            head = t
            while head.dep_ == "compound" and head.head.i > head.i and head.head.i < start:
                head = head.head
            return _noun_phrase(head) or t.text
    return None


def extract_metrics(doc: Doc) -> list[Metric]:
    metrics: list[Metric] = []
    consumed: set[int] = set()
    n = len(doc)
    toks = doccache.tokens(doc)
    for tok in toks:
        if tok.i in consumed or not _is_number_token(tok):
            continue
        i = tok.i
        j = i + 1
        text = tok.text
        fraction_tok = None
        # several number words make one number: "twenty five", "one hundred thousand"
        while j < n and toks[j].lower_ in NUMBER_WORDS and not re.search(r"\d", text) and toks[j].lower_ not in ("one",):
            text += " " + toks[j].text
            j += 1
        if j + 1 < n and toks[j].text == "-" and toks[j - 1].whitespace_ == "" and toks[j + 1].lower_ in FRACTIONS \
                and not re.search(r"\d", text):
            text += "-" + toks[j + 1].text  # "two-thirds", which the tokenizer splits in three
            j += 2
            fraction_tok = toks[j - 1]
        if tok.lower_ == "dozen":
            if not (i > 0 and toks[i - 1].lower_ in ("a", "half")):
                continue
            text = "a dozen"
        glued = _glued(tok)
        glued_currency = glued_unit = None
        glued_change = None
        if glued is not None:
            text = glued.group("num")
            pre, suf = glued.group("pre"), glued.group("suf")
            if pre in DOLLAR_COUNTRY and i > 0 and toks[i - 1].text == "$":
                glued_currency = DOLLAR_COUNTRY[pre]
            elif pre == "~":
                glued_change = "~"
            elif pre == "minus-":
                text = "-" + text
            elif pre == "+":
                glued_change = "up"  # "Dow +0.2%"
            elif pre:
                glued_currency = PREFIX_CURRENCY.get(pre)
            if suf:
                if suf in GLUED_MAGNITUDES and (glued_currency or suf in ("M", "B", "bn", "mn", "mln", "tn", "K")
                                                 or (i > 0 and toks[i - 1].text in PREFIX_CURRENCY)):
                    text = str(float(text.replace(",", "")) * GLUED_MAGNITUDES[suf])
                elif suf.lower() in ("am", "pm") and float(text.replace(",", "")) < 13:
                    continue  # "at 1.56pm": a time of day
                else:
                    glued_unit = unit_name(suf)
                    if glued_unit is None:
                        continue  # "3D", "5G", "F1": not a quantity we can name
        value = parse_number(text)
        if value is None:
            continue
        if i > 0 and toks[i - 1].lower_ == "minus":
            value = -value
        # magnitude words after: "1.2 billion", "52 mln", "4 hundred million"; "m"/"bn" after money
        money_before = glued_currency or (i > 0 and toks[i - 1].text in PREFIX_CURRENCY)
        while j < n and (toks[j].lower_ in MAGNITUDES and toks[j].lower_ not in ("m", "b", "k")
                         or (_glued_magnitude(toks[j]) in GLUED_MAGNITUDES and toks[j - 1].whitespace_ == "" and
                             (money_before or toks[j].text in ("M", "B", "bn")))):
            value *= MAGNITUDES.get(toks[j].lower_, GLUED_MAGNITUDES.get(_glued_magnitude(toks[j]), 1))
            j += 1
        value_max = None
        # a range: "340 to 350", "1,750-1,780", "between 5 and 10"
        if j + 1 < n and toks[j].lower_ in ("to", "-", "–", "and") and _is_number_token(toks[j + 1]) and \
                (toks[j].lower_ != "and" or (i > 0 and toks[i - 1].lower_ == "between")):
            upper_glued = _glued(toks[j + 1])
            upper = parse_number(upper_glued.group("num") if upper_glued else toks[j + 1].text)
            if upper_glued is not None and upper_glued.group("suf") and not glued_unit:
                glued_unit = unit_name(upper_glued.group("suf"))  # "5-10W", "25 – 40min"
            if upper is not None:
                k = j + 2
                if k < n and toks[k].lower_ in MAGNITUDES and toks[k].lower_ not in ("m", "b", "k"):
                    scale = MAGNITUDES[toks[k].lower_]
                    upper *= scale
                    k += 1
                    if value * scale <= upper and value < upper / 100:
                        value *= scale  # "340 to 350 million": the magnitude covers both ends
                if upper > value or (i > 0 and toks[i - 1].lower_ == "from"):
                    value_max = upper
                    consumed.update(range(j, k))
                    j = k
        currency = _currency_before(doc, i)
        if glued_currency:
            currency = (tok.text, glued_currency, i if not (i > 0 and toks[i - 1].text == "$") else i - 1)
        first = currency[2] if currency else i
        unit = _match_unit_after(doc, j) if not glued_unit else (tok.text, glued_unit, 0)
        surface, name = (currency[0], currency[1]) if currency else ("", "")
        last = j
        if unit and (not currency or unit[1] in ("-",)):
            surface, name = unit[0], unit[1]
            last = j + unit[2]
        elif unit and currency and unit[1] in CURRENCY_NAMES and unit[1] != name:
            name, surface = unit[1], surface + " " + unit[0]
            last = j + unit[2]
        if name in ("degree",) and last < n and toks[last].lower_ in ("celsius", "fahrenheit", "c", "f"):
            name = toks[last].lower_ if len(toks[last].text) > 1 else {"c": "celsius", "f": "fahrenheit"}[toks[last].lower_]
            last += 1
        if currency and name.endswith("dollar") and last < n and toks[last].text in ("U.S.", "US"):
            last += 1  # "$75 U.S. per barrel"
        name, last = _rate(doc, name, last)
        head = tok.head
        counted = False
        if not name:
            # a counted noun is its own unit: "13,000 workers" → "worker"
            numtok = toks[j - 1] if j - 1 > i else tok
            noun = numtok.head
            if noun.pos_ in ("NOUN", "PROPN") and noun.i > j - 1 and numtok.dep_ in ("nummod", "quantmod", "compound", "amod") and noun.i - j < 4:
                words = [t for t in doc[j:noun.i + 1] if not t.is_punct or (t.text == "-" and t.whitespace_ == "")]
                if words and not any(w.lower_ in CALENDAR for w in words):
                    name = "".join((w.lemma_.lower() if w.pos_ in ("NOUN", "ADJ") and w.i == noun.i else
                                    w.text if w.pos_ == "PROPN" else w.text.lower()) + w.whitespace_ for w in words).strip()
                    surface = doc[j:noun.i + 1].text
                    last = noun.i + 1
                    counted = bool(name)
        # "from 208 pounds to 193", "from $750,000 to $1 million", "between 5% and 6%", "$3 billion to $5 billion"
        before_words = {t.lower_ for t in doc[max(0, first - 3):first]}
        before_lemmas = {t.lemma_.lower() for t in doc[max(0, first - 3):first]}
        to_at = last
        if "from" in before_words and not (last < n - 1 and toks[last].lower_ == "to"):
            # "from $36,040 at 10.45pm last night to $34,935", "from 20 miles per gallon in 2008 to 29 mpg"
            to_at = next((k for k in range(last, min(n - 1, last + 7)) if toks[k].lower_ == "to"
                          and not any(t.text in (",", ";", ".") or t.lower_ in ("from", "and", "while", "but") for t in doc[last:k])), last)
        ranged = (to_at < n - 1 and toks[to_at].lower_ == "to" and ("from" in before_words or not before_lemmas & (UP | DOWN)))\
            or (last < n - 1 and toks[last].lower_ == "and" and "between" in before_words)
        if value_max is None and ranged:
            k = to_at + 1
            while k < n and toks[k].text in PREFIX_CURRENCY:
                k += 1
            if k < n and _is_number_token(toks[k]):
                g2 = _glued(toks[k])
                upper = parse_number(g2.group("num") if g2 else toks[k].text)
                if upper is not None:
                    k += 1
                    while k < n and (toks[k].lower_ in MAGNITUDES and toks[k].lower_ not in ("m", "b", "k")
                                     or (_glued_magnitude(toks[k]) in GLUED_MAGNITUDES and toks[k - 1].whitespace_ == "")):
                        upper *= MAGNITUDES.get(toks[k].lower_, GLUED_MAGNITUDES.get(_glued_magnitude(toks[k]), 1))
                        k += 1
                    second_unit = _match_unit_after(doc, k) if k < n else None
                    same = second_unit is None or not unit or second_unit[1] == unit[1]
                    if "from" in before_words or "between" in before_words or (second_unit and unit and second_unit[1] == unit[1]) \
                            or (currency and toks[last + 1].text in PREFIX_CURRENCY):
                        if same:
                            if second_unit is not None and unit:
                                k += second_unit[2]
                            value_max, last = upper, k
                            consumed.update(range(j, k))
        if name and " per " not in name:
            name, last = _rate(doc, name, last)  # "between $62 and $68 per share", "3,000 tests per day"
        if _excluded(tok, value, unit[1] if unit else None, bool(currency)):
            continue
        if not name and tok.ent_type_ in ("DATE", "TIME"):
            continue
        if name and name.split()[0] in DURATIONS:
            name = name.replace("years", "year")
        start_char, end_char = toks[first].idx, toks[max(last, j) - 1].idx + len(toks[max(last, j) - 1].text)
        head_tok = toks[last - 1] if last - 1 > i and name and not currency else tok
        if fraction_tok is not None and not name:
            head_tok = fraction_tok  # "two-thirds of the sales": what the thirds are of
        if currency and head_tok.i == tok.i:
            head_tok = tok.head if tok.head.text in ("$", "€", "£") or tok.dep_ in ("compound",) else tok
            if toks[first].dep_ != "nmod" and toks[first].head.i != first:
                head_tok = toks[first]
        change = glued_change or _change(doc, first, tok, head_tok)
        concept = _concept(tok, head_tok, last, counted=counted)
        consumed.update(range(first, max(last, j)))
        metrics.append(Metric(value, value_max, surface, _tidy_unit(name, toks[last - 1] if last > i else None), change, concept, start_char, end_char,
                              doccache.text(doc)[start_char:end_char]))
    # "one of the best wireless speakers": one of a kind, counted
    for tok in toks:
        if tok.lower_ == "one" and tok.i not in consumed and tok.i + 3 < n and toks[tok.i + 1].lower_ == "of" \
                and toks[tok.i + 2].lower_ in ("the", "its", "his", "her", "their", "our") and toks[tok.i + 3].tag_ in ("JJS", "RBS"):
            words, k = [], tok.i + 3
            while k < n and toks[k].pos_ in ("ADJ", "ADV", "NOUN", "PROPN") and len(words) < 5:
                if toks[k].lower_ not in ("most",):
                    words.append(toks[k])
                if toks[k].pos_ in ("NOUN",) and (k + 1 >= n or toks[k + 1].pos_ != "NOUN"):
                    break
                k += 1
            if words and words[-1].pos_ == "NOUN":
                name = " ".join(w.lemma_.lower() for w in words)
                metrics.append(Metric(1.0, None, doc[tok.i + 3:k + 1].text, name, "=", None, tok.idx,
                                      toks[k].idx + len(toks[k].text), doccache.text(doc)[tok.idx:toks[k].idx + len(toks[k].text)]))
    # "a million dollar house"
    for tok in toks:
        if tok.lower_ in ("million", "billion", "thousand", "hundred") and tok.i not in consumed and tok.i > 0 \
                and toks[tok.i - 1].lower_ == "a" and tok.i + 1 < n:
            unit = _match_unit_after(doc, tok.i + 1)
            if unit is not None:
                end_tok = toks[tok.i + unit[2]]
                metrics.append(Metric(MAGNITUDES[tok.lower_], None, unit[0], unit[1], "=",
                                      _concept(tok, end_tok, tok.i + 1 + unit[2]), toks[tok.i - 1].idx,
                                      end_tok.idx + len(end_tok.text), doccache.text(doc)[toks[tok.i - 1].idx:end_tok.idx + len(end_tok.text)]))
    # "thousands of people", "millions of Americans", "tens of millions of dollars"
    for tok in toks:
        if tok.lower_ in ORDER_RANGES and tok.i not in consumed and tok.i + 2 < n and toks[tok.i + 1].lower_ == "of":
            low, high = ORDER_RANGES[tok.lower_]
            noun = toks[tok.i + 2]
            pobj = next((c for c in toks[tok.i + 1].children if c.dep_ == "pobj"), None)
            if noun.dep_ in ("amod", "compound") and pobj is not None and pobj.i > noun.i and pobj.i - noun.i < 4:
                noun = pobj  # "thousands of COVID-19 tests": the tests
            if tok.lower_ == "tens" and noun.lower_ in ORDER_RANGES and tok.i + 4 < n and toks[tok.i + 3].lower_ == "of":
                low, high = ORDER_RANGES[noun.lower_][0] * 10, ORDER_RANGES[noun.lower_][0] * 100
                consumed.add(noun.i)
                noun = toks[tok.i + 4]
            elif tok.lower_ == "tens":
                continue
            unit_of = unit_name(noun.text)
            if unit_of in CURRENCY_NAMES:
                metrics.append(Metric(low, high, noun.text, unit_of, "=", _concept(tok, tok, noun.i + 1), tok.idx,
                                      noun.idx + len(noun.text), doccache.text(doc)[tok.idx:noun.idx + len(noun.text)]))
                continue
            metrics.append(Metric(low, high, noun.text, noun.text if noun.pos_ == "PROPN" else noun.lemma_.lower(), "=",
                                  _concept(tok, tok, tok.i + 3), tok.idx, noun.idx + len(noun.text),
                                  doccache.text(doc)[tok.idx:noun.idx + len(noun.text)]))
    metrics.sort(key=lambda m: m.start)
    text = doccache.text(doc)
    return _carry_into_levels(_carry_into_ranges(_carry_into_conversions(metrics, text), text), text)


def _rate(doc: Doc, name: str, last: int) -> tuple[str, int]:
    """A rate: "$58.24 per barrel", "$5 a month": the unit and the token after it."""
    n = len(doc)
    if name and last + 1 < n and (doc[last].lower_ in ("per", "a", "an") or (
            doc[last].text == "/" and doc[last - 1].whitespace_ == "" and doc[last].whitespace_ == "")) and (
            doc[last + 1].pos_ == "NOUN" or _match_unit_after(doc, last + 1) is not None):
        per = _match_unit_after(doc, last + 1)
        per_name = per[1] if per else doc[last + 1].lemma_.lower()
        return f"{name} per {per_name}", last + 1 + (per[2] if per else 1)
    return name, last


def _tidy_unit(name: str | None, last: Token | None) -> str:
    """`-cylinder` → cylinder, `JPY=` → JPY, `p.` → p, `straight World Cups` → straight World Cup."""
    if not name or name == "-":
        return "-"
    tidy = re.sub(r"^[-–]+|[.=]+$", "", name) or "-"
    if tidy != name:
        name = unit_name(tidy) or tidy  # "JPY=" → japanese yen
    if last is not None and name.endswith(last.text) and last.text.endswith("s") and not last.text.endswith("ss") \
            and (last.tag_ == "NNPS" or last.ent_type_ == "NORP" or (last.pos_ == "PROPN" and " " in name)):
        name = name[:-1]  # "straight World Cups" → straight World Cup, "Americans" → American
    return name


def _carry_into_levels(metrics: list[Metric], text: str) -> list[Metric]:
    """`Unite Group, down 68 p at 1112 p`: the level a change ends at measures the same thing."""
    for before, after in zip(metrics, metrics[1:]):
        if before.change in ("up", "down") and before.concept and re.fullmatch(r"\s+at\s+", text[before.end:after.start]):
            after.concept = before.concept
    return metrics


def _carry_into_ranges(metrics: list[Metric], text: str) -> list[Metric]:
    """`from about 14-18 mpg to 24`: a bare number that ends a from-to after a quantity with a unit
    is in that unit."""
    for before, after in zip(metrics, metrics[1:]):
        if after.normalized_unit == "-" and before.normalized_unit != "-" \
                and re.fullmatch(r"\s+to\s+(?:about\s+|around\s+|nearly\s+)?", text[before.end:after.start]) \
                and re.search(r"\bfrom\s+(?:\S+\s+){0,2}$", text[max(0, before.start - 30):before.start]):
            after.unit, after.normalized_unit = before.unit, before.normalized_unit
    return metrics


def _carry_into_conversions(metrics: list[Metric], text: str) -> list[Metric]:
    """`just under 296 hp (300 PS / 224 kW)`, `some seven miles (11 km)`: a quantity in brackets after
    another restates it in other units, so it shares its change and concept."""
    for before, after in zip(metrics, metrics[1:]):
        gap = text[before.end:after.start]
        if re.fullmatch(r"\s*\(\s*|\s*/\s*", gap) and (gap.strip() == "(" or text[:before.start].rstrip().endswith("(")):
            if after.change == "=":
                after.change = before.change
            after.concept = after.concept or before.concept
    return metrics
