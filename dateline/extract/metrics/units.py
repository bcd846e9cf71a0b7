"""Units: what a quantity is counted in. A currency before the number ("$", "US $", "Rs", "€"), a
unit after it ("miles", "per cent", "sq m"), a rate ("$58.24 per barrel"), or the noun it counts
("13,000 workers" → worker).

Unit names are quantulum3's (its own unit dictionary), with `vocab/units.tsv` and `units_case.tsv`
correcting what it gets wrong such as "per cent".
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from dateline import cache
from dateline.extract import doccache
from dateline.extract.metrics.quantity import Quantity
from dateline.extract.metrics.rules import MetricRules

Unit = tuple[str, str, int]  # (surface as written, unit name, tokens used)
MAX_UNIT_WORDS = 4


@lru_cache(maxsize=1)
def quantulum_units() -> dict[str, dict[str, str]]:
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


def unit_name(surface: str, rules: MetricRules) -> str | None:
    """quantulum3's name for a unit surface form ("miles" → "mile"), with the project's corrections first."""
    s = surface.strip().rstrip("-")
    if s in rules.units_case:
        return rules.units_case[s]
    if s.lower() in rules.units_own:
        return rules.units_own[s.lower()]
    units = quantulum_units()
    for table, key in (("symbols", s), ("surfaces", s), ("surfaces_lower", s.lower())):
        name = units[table].get(key)
        if name:
            return None if name == "dimensionless" else name
    return None


def unit_after(doc: Doc, j: int, rules: MetricRules) -> Unit | None:
    """The longest unit that starts at token j."""
    toks, size = doccache.tokens(doc), len(doc)
    if j < size and toks[j].text in ("-", "–") and j > 0 and toks[j - 1].whitespace_ == "":
        inner = unit_after(doc, j + 1, rules)  # "6.1-inch", "five-year", "a 5-mpg gain"
        return (inner[0], inner[1], inner[2] + 1) if inner else None
    if j + 2 < size and toks[j].lower_ in rules.ages and toks[j + 1].text == "-" and toks[j + 2].lower_ == "old":
        return doc[j:j + 3].text, toks[j].lemma_.lower() + " of age", 3  # "200,000-year-old"
    if j + 1 < size and toks[j].lower_ in ("years", "year") and toks[j + 1].lower_ == "old":
        return doc[j:j + 2].text, "year of age", 2
    if j + 1 < size and toks[j].text in ("a", "an", "the") and toks[j + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
        return None  # "1.94 billion a year": the article of a rate's period, never a unit's first word
    if j < size and toks[j].lower_ in rules.time_words:
        return None  # "a range of 230 to 234 late last year": when, not a unit
    if j < size and (toks[j].text[:1].isdigit() or toks[j].lower_ in rules.numbers.number_words
                     or (toks[j].lower_ == "in" and toks[j].pos_ == "ADP")
                     or "\n" in toks[j - 1].whitespace_ + toks[j].text):
        return None  # "1.34 billion two weeks earlier", "484 mln in December" (not inches), a label on the next line
    text = doccache.text(doc)
    for n in range(MAX_UNIT_WORDS, 0, -1):
        if j + n > size:
            continue
        span = toks[j:j + n]
        if n > 1 and any((t.is_punct and t.text not in ("/", "-", "$")) or t.is_space for t in span):
            continue  # a unit's words are on one line, with no punctuation but these between them
        surface = text[span[0].idx:span[-1].idx + len(span[-1].text)]
        name = unit_name(surface, rules)
        if not name and surface.endswith(".") and span[-1].is_sent_end:
            name = unit_name(surface[:-1], rules)  # "$80 per sq m." at a sentence end
        if name and name != "-":
            return surface, name, n
    return None


def currency_before(doc: Doc, i: int, rules: MetricRules) -> Unit | None:
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
        name = unit_name(surface.replace(" ", ""), rules) or unit_name(surface, rules)
        if name in rules.currencies and not _after_a_number(doc, k, rules):
            return surface, name, k
    return None


def _after_a_number(doc: Doc, k: int, rules: MetricRules) -> bool:
    """"a 100 mln Swiss franc 4-3/4 pct bond": a currency word after a number is that number's unit,
    not a currency written before the next one."""
    def counts(t: Token) -> bool:
        return (t.like_num or t.lower_ in rules.numbers.magnitudes) and t.text[:1] not in ("$", "€", "£", "¥")

    if k > 0 and counts(doc[k - 1]):
        return True
    # "Swiss franc" after "100 mln": the currency's first word, itself after the number
    return k > 1 and counts(doc[k - 2]) and unit_name(doc[k - 1:k + 1].text, rules) in rules.currencies


def attach_unit(q: Quantity, rules: MetricRules) -> None:
    """The currency before and the unit after the number; which of them names the quantity."""
    doc, toks, n = q.doc, q.toks, len(q.doc)
    q.currency = currency_before(doc, q.i, rules)
    if q.glued_currency:
        q.currency = (q.tok.text, q.glued_currency, q.i if not (q.i > 0 and toks[q.i - 1].text == "$") else q.i - 1)
    q.first = q.currency[2] if q.currency else q.i
    q.unit = unit_after(doc, q.j, rules) if not q.glued_unit else (q.tok.text, q.glued_unit, 0)
    q.surface, q.name = (q.currency[0], q.currency[1]) if q.currency else ("", "")
    q.last = q.j
    if q.unit and (not q.currency or q.unit[1] == "-"):
        q.surface, q.name, q.last = q.unit[0], q.unit[1], q.j + q.unit[2]
    elif q.unit and q.currency and q.unit[1] in rules.currencies and q.unit[1] != q.name:
        q.name, q.surface, q.last = q.unit[1], q.surface + " " + q.unit[0], q.j + q.unit[2]
    if q.name == "degree" and q.last < n and toks[q.last].lower_ in ("celsius", "fahrenheit", "c", "f"):
        scale = toks[q.last].lower_
        q.name = scale if len(toks[q.last].text) > 1 else {"c": "celsius", "f": "fahrenheit"}[scale]
        q.last += 1
    if q.currency and q.name.endswith("dollar") and q.last < n and toks[q.last].text in ("U.S.", "US"):
        q.last += 1  # "$75 U.S. per barrel"
    q.name, q.last = rate(doc, q.name, q.last, rules)


def rate(doc: Doc, name: str, last: int, rules: MetricRules) -> tuple[str, int]:
    """A rate: "$58.24 per barrel", "$5 a month": the unit and the token after it."""
    n = len(doc)
    if name and last + 1 < n and (doc[last].lower_ in ("per", "a", "an") or (
            doc[last].text == "/" and doc[last - 1].whitespace_ == "" and doc[last].whitespace_ == "")) and (
            doc[last + 1].pos_ == "NOUN" or unit_after(doc, last + 1, rules) is not None) and not (
            doc[last].lower_ in ("a", "an") and last + 2 < n and doc[last + 2].lower_ in ("ago", "earlier", "before")):
        # ("55.7 pct a year ago" is a figure of a year before, no rate)
        per = unit_after(doc, last + 1, rules)
        per_name = per[1] if per else doc[last + 1].lemma_.lower()
        return f"{name} per {per_name}", last + 1 + (per[2] if per else 1)
    return name, last


def counted_noun(q: Quantity, rules: MetricRules) -> None:
    """A counted noun is its own unit: "13,000 workers" → worker."""
    if q.name:
        return
    doc, toks, j = q.doc, q.toks, q.j
    numtok = toks[j - 1] if j - 1 > q.i else q.tok
    noun = numtok.head
    if not (noun.pos_ in ("NOUN", "PROPN") and noun.i > j - 1 and numtok.dep_ in ("nummod", "quantmod", "compound", "amod")
            and noun.i - j < 4):
        return
    start = j
    for t in doc[j:noun.i]:
        if t.dep_ == "cc" and t.i + 1 < noun.i and doc[t.i + 1].like_num:
            start = t.i + 2  # "27,510 and 57,450 tonnes": the noun both numbers count, not "and 57,450 tonnes"
    words = [t for t in doc[start:noun.i + 1] if not t.is_punct or (t.text == "-" and t.whitespace_ == "")]
    if not words or any(w.lower_ in rules.calendar for w in words):
        return
    if any(w.ent_type_ in ("DATE", "TIME") for w in words) and (noun.lower_ not in rules.durations
                                                                 or words[0].lower_ in rules.time_words):
        return  # "230 to 234 late last year": a date counts nothing ("the 50 previous years" count years)
    if any("\n" in t.whitespace_ or t.is_space for t in doc[j - 1:noun.i]):
        return  # "Avg shrs 11.6 mln\nNOTE: …": the label of the next line counts nothing
    q.name = "".join((w.lemma_.lower() if w.pos_ in ("NOUN", "ADJ") and w.i == noun.i else
                      w.text if w.pos_ == "PROPN" else w.text.lower()) + w.whitespace_ for w in words).strip()
    q.surface = doc[start:noun.i + 1].text
    if start == j:
        q.last = noun.i + 1  # else the number stays alone and the one after it counts the noun again
    q.counted = bool(q.name)


def fraction_unit(q: Quantity, rules: MetricRules) -> None:
    """"two-thirds of the sales", "three quarters of voters": a share of what follows, written as
    NewsQuant writes it ("% sale"); "% -" when it is a share of something unnamed ("half of which")."""
    if q.fraction_tok is None or q.name:
        return
    of = q.toks[q.j] if q.j < len(q.toks) and q.toks[q.j].lower_ == "of" else None
    if of is None:
        return
    whole = next((c for c in of.children if c.dep_ == "pobj"), None)
    q.name = "% " + (share_of(whole) if whole is not None else "-")


def share_of(whole: Token) -> str:
    if whole.pos_ == "PRON":
        return "-"
    words = [t for t in whole.subtree if t.i <= whole.i and t.pos_ in ("ADJ", "NOUN", "PROPN") and not t.like_num]
    return " ".join(t.lemma_ if t.i == whole.i and t.pos_ == "NOUN" else t.text for t in words) or "-"


def tidy_unit(name: str | None, last: Token | None, rules: MetricRules) -> str:
    """`-cylinder` → cylinder, `JPY=` → JPY, `p.` → p, `straight World Cups` → straight World Cup."""
    if not name or name == "-":
        return "-"
    tidy = re.sub(r"^[-–]+|[.=]+$", "", name) or "-"
    if tidy != name:
        name = unit_name(tidy, rules) or tidy  # "JPY=" → japanese yen
    if last is not None and name.endswith(last.text) and last.text.endswith("s") and not last.text.endswith("ss") \
            and (last.tag_ == "NNPS" or last.ent_type_ == "NORP" or (last.pos_ == "PROPN" and " " in name)):
        name = name[:-1]  # "straight World Cups" → straight World Cup, "Americans" → American
    return name
