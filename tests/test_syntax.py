"""The shared view of a parsed sentence (dateline/extract/syntax.py), one sentence each."""
from __future__ import annotations


def words(tokens) -> str:
    return " ".join(t.text for t in tokens)


def test_a_noun_phrase_leaves_out_its_relative_clause(nlp):
    from dateline.extract.syntax import clause_free_subtree

    doc = nlp("Smith, who chairs the board, said the plan works.")
    assert words(clause_free_subtree(doc[0])).rstrip(" ,") == "Smith"


def test_a_head_with_the_modifiers_before_it(nlp):
    from dateline.extract.syntax import head_with_modifiers

    doc = nlp("He hailed the 46 per cent increase in bilateral trade.")
    trade = next(t for t in doc if t.text == "trade")
    assert words(head_with_modifiers(trade)) == "bilateral trade"


def test_the_clause_chain_climbs_to_the_verb_with_the_subject(nlp):
    from dateline.extract.syntax import clause_chain, subject_child

    doc = nlp("Dell announced plans to lay off 6,650 employees.")
    lay = next(t for t in doc if t.text == "lay")
    chain = list(clause_chain(lay))
    assert [t.text for t in chain] == ["lay", "plans", "announced"]
    assert next(subject_child(t) for t in chain if subject_child(t) is not None).text == "Dell"
    assert [t.text for t in clause_chain(lay, frozenset({"xcomp"}))] == ["lay"]


def test_a_subject_child_can_be_filtered(nlp):
    from dateline.extract.syntax import subject_child

    doc = nlp("It said the talks failed.")
    said = doc[1]
    assert subject_child(said).text == "It"
    assert subject_child(said, accept=lambda t: t.pos_ != "PRON") is None


def test_the_title_before_a_name(nlp):
    from dateline.extract.syntax import title_before

    doc = nlp("Pakistan's Foreign Minister Shah Mahmood Qureshi agreed to meet.")
    assert title_before(doc, 4, 7).text == "Pakistan's Foreign Minister"
    doc = nlp("On Monday the former president Bill Clinton spoke.")
    assert title_before(doc, 5, 7).text == "the former president"  # the parser makes the name an apposition
    assert title_before(nlp("Smith said so."), 0, 1).text == ""


def test_the_antecedent_of_he_or_she_is_the_last_person_named(nlp, rules):
    from dateline.extract.entities import resolve_entities

    text = "Maria Lopez met Paul Kim in Paris. She said the budget was balanced."
    doc = nlp(text)
    ents = resolve_entities(doc, rules.entities)
    assert ents.last_person_before(text.index("She")).name == "Paul Kim"
    assert ents.last_person_before(text.index("met")).name == "Maria Lopez"
    assert ents.last_person_before(0) is None


def test_calendar_words_and_weekdays(rules):
    from dateline.extract.syntax import SharedWords
    from dateline.vocab import packaged

    shared = SharedWords.from_vocab(packaged())
    assert {"march", "sept", "friday"} <= shared.calendar and "spring" not in shared.calendar
    assert shared.weekdays[0] == "monday" and len(shared.weekdays) == 7
    assert rules.metrics.calendar == shared.calendar
