"""Events: PLOVER event coding from the parse, one event for each sentence that reports one.

The passes, in order, one module each:
    triggers   the word that reports the event and its PLOVER type
    modality   negation, refusal, intention and obligation
    actors     source and target, as written and as countries
    politics   whether they act in politics (else the sentence reports no event)
    dates      when, against the article's date
    places     where, else the dateline city
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline.extract import doccache
from dateline.extract.entities import ArticleEntities
from dateline.extract.events import actors, dates, modality, places, politics, triggers
from dateline.extract.events.rules import EventRules
from dateline.extract.reference import Resolver
from dateline.records import Event

FIGURES = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")  # "declined to 150 mln dlrs", "agreed to a six-month extension" is no figure


def _done_to_market_object(trigger, verb, ents: ArticleEntities, rules: EventRules) -> bool:
    """Whether the trigger (or its verb) acts on a thing of the market: its object or passive subject, or
    what it is for ("an offer for Piedmont", "offered for sale", "35 dlrs cash per share")."""
    heads = triggers.trigger_and_verb(trigger, verb)
    things = [c for node in heads for c in node.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass"):
        things.append(trigger)
    things += [c for t in list(things) for c in t.children if c.dep_ == "compound"]  # "a takeover attempt"
    things += [g for t in list(things) for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "per")
               for g in p.children if g.dep_ == "pobj"]  # "offering 400 mln dlrs of bonds", "… per share"
    bought = [g for t in [*heads, *things] for p in t.children if p.dep_ == "prep" and p.lower_ == "for"
              for g in p.children if g.dep_ == "pobj"]
    if any(politics.business_named(g, ents, rules) for g in bought):
        return True  # "Pesch's offer for American Medical": a bid for a company
    return any(t.lemma_.lower() in rules.market_objects for t in [*things, *bought])


def _information_given(verb, rules: EventRules) -> bool:
    """"gave no further details", "provided information": words given are speech, not aid."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in rules.information_objects for c in verb.children)


def _text_released(trigger, rules: EventRules) -> bool:
    """"Committee Republicans released a separate report", "the release of the figures": a text or figures
    made public are words, not people or property let go."""
    if trigger.lemma_.lower() not in rules.releasing_verbs:
        return False
    texts = rules.reference.document_nouns | rules.information_objects
    things = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in texts for t in things)


def _borrowed(trigger, rules: EventRules) -> bool:
    """"Belgium is to issue a 150 billion franc, eight-year state loan": a loan issued, floated or raised is
    debt sold on the market, not aid."""
    node = trigger.head if trigger.dep_ == "appos" else trigger  # ("a 150 billion franc, … loan")
    return trigger.pos_ == "NOUN" and node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in rules.borrowing_verbs


def _law_proposed(verb, rules: EventRules) -> bool:
    """"would offer a bill", "intended to offer legislation": law-making at home, no offer to anyone."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in rules.law_objects for c in verb.children)


def _reporting_formula(verb, rules: EventRules) -> bool:
    """"declined to comment", "asked not to be identified", "asked that his name not be used": the source
    protected, no event; and "was not available to discuss the content": a source out of reach."""
    if verb.dep_ in ("xcomp", "advcl") and any(c.dep_ == "acomp" and c.lemma_.lower() in rules.availability
                                               for c in (verb.head, *verb.head.children)):
        return True
    return any((c.dep_ == "xcomp" and c.lemma_.lower() in rules.reporting_formulas)
               or (c.dep_ == "ccomp" and any(g.dep_ == "nsubjpass" and g.lemma_.lower() in rules.reporting_formulas
                                             for g in c.children)) for c in verb.children)


def _figure_complement(trigger) -> bool:
    """"the surplus declined to 150 mln dlrs", "production declined to 2,978 units": a verb with no object or
    clause whose complement is a figure is a quantity changing, not an act."""
    if trigger.pos_ != "VERB" or any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in trigger.children):
        return False
    figures = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("to", "from", "by")
               for g in c.children if g.dep_ == "pobj"]
    return any(_is_figure(g) for g in figures)


def _yields_a_figure(trigger, rules: EventRules) -> bool:
    """"the auction of treasury bills yielded an average of 7.28 pct", "certificates … to give an average annual yield
    of 3.286 pct": a thing that yields or gives a figure makes a return, not a concession or aid (an actor still
    allows "the export of 60,500 tonnes")."""
    subject = actors.subject(trigger)
    if subject is None or subject.pos_ == "PRON" or actors.is_actor(subject, rules):
        return False
    def a_figure(tok, digits: bool) -> bool:
        return tok.like_num or tok.ent_type_ in ("PERCENT", "MONEY", "QUANTITY") or (digits and any(
            k.dep_ == "nummod" and any(ch.isdigit() for ch in k.text) for k in tok.children))  # (not "two towns")
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    measured = [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                if g.dep_ == "pobj"]
    return trigger.pos_ == "VERB" and (any(a_figure(o, False) for o in objects) or any(a_figure(g, True) for g in measured))


def _is_figure(tok) -> bool:
    """"150 mln dlrs", "2,978 units", "104.0" (not "the two men")."""
    return tok.like_num or tok.ent_type_ in FIGURES or (any(k.dep_ == "nummod" for k in tok.children)
                                                        and not any(k.dep_ == "det" for k in tok.children))


def _a_measured_share(trigger, rules: EventRules) -> bool:
    """"the Conservatives had the support of 39 pct of the voters": an event noun measured in a share of
    people is a poll's figure, not an act (an amount is still an event: "assistance of 60 million euros",
    "the arrest of one of two men")."""
    if trigger.pos_ != "NOUN":
        return False
    held = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any((g.ent_type_ == "PERCENT" or g.lower_ in rules.share_words) and not actors.is_actor(g, rules) for g in held)


def _a_question(trigger, rules: EventRules) -> bool:
    """"Asked whether regulators might object, Sporck said …", "when asked by reporters": a participle with
    no subject of its own, or asked by the press, is a question put to the sentence's subject, not a demand."""
    participle = (trigger.dep_ == "advcl" and trigger.tag_ in ("VBN", "VBD")) or (trigger.dep_ == "ROOT" and trigger.tag_ == "VBN")
    askers = [g for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    askers += [c for c in trigger.children if c.dep_ == "nsubj"]
    if any(rules.agents.get(g.lemma_.lower()) == "MED" for g in askers) or _asks_about(trigger, rules):
        return True
    return participle and not any(c.dep_ in ("nsubj", "nsubjpass", "agent", "aux", "auxpass") for c in trigger.children)


def _asks_about(trigger, rules: EventRules) -> bool:
    """"asked about Mrs Reagan's role", "asked if he expected a cut", "asked whether …": asking about a
    thing or whether something is so is a question; a demand asks someone to do something."""
    if trigger.pos_ != "VERB" or any(c.dep_ == "xcomp" for c in trigger.children):
        return False
    if any((c.dep_ == "prep" and c.lower_ == "about") or (c.dep_ == "dobj" and c.lemma_.lower() in rules.question_objects)
           for c in trigger.children):
        return True  # "asked about …", "asked so many questions"
    # an adverbial "if" clause is a condition ("would press for more mines if prices rise") except after
    # the participle of a question put ("Asked by a committee member if he expected …")
    clauses = [c for c in trigger.children if c.dep_ == "ccomp" or (c.dep_ == "advcl" and trigger.tag_ == "VBN")]
    return any(g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.lower_ in ("if", "whether", "what", "why", "how", "when", "who")
               and g.i < c.i for c in clauses for g in c.children)


def _demand_of_no_one(trigger) -> bool:
    """"continuing demand from brokers", "domestic demand": a noun of demanding with no demander of its own
    ("its demand that Israel ease restrictions", "demands by the union") is the market's demand."""
    if trigger.pos_ != "NOUN":
        return False
    own = any(c.dep_ in ("poss", "acl", "ccomp", "relcl") for c in trigger.children)
    by = any(c.dep_ == "prep" and c.lower_ == "by" for c in trigger.children)
    return not (own or by)


def _struggles_to(trigger) -> bool:
    """"fighting to recover politically", "were fighting hard to prevent a deal", "battling to save the
    company": a verb of fighting whose complement is an infinitive of purpose is an effort, not an attack."""
    return trigger.pos_ == "VERB" and any(c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                                          for c in trigger.children)


def _figurative_attack(trigger, rules: EventRules) -> bool:
    """"reserves hit a new high", "It strikes me odd that …": a verb of attack that reaches a level, or whose
    subject is an empty "it" before whom or what it judges ("strikes me odd"), attacks no one."""
    if trigger.pos_ != "VERB":
        return False
    reached = any(c.dep_ == "dobj" and c.lemma_.lower() in rules.level_objects for c in trigger.children)
    empty_it = any(c.dep_ == "nsubj" and c.lower_ == "it" for c in trigger.children) and any(
        c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") or (c.dep_ == "dobj" and c.pos_ == "PRON") for c in trigger.children)
    return reached or empty_it


def _market_demand(trigger, rules: EventRules) -> bool:
    """"U.S. oil demand rose 2.1 pct", "near-term corn demand": demand for a good is the market's, not a
    demand made by the country that modifies it."""
    return trigger.pos_ == "NOUN" and any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "NOUN"
                                          and actors.actor_in(c, rules) is None for c in trigger.children)


def _talks_of_a_thing(trigger) -> bool:
    """"led some observers to talk of miracles": one talking of or about a thing, with no one, makes a speech;
    two or more talking about it consult."""
    preps = [c.lower_ for c in trigger.children if c.dep_ == "prep"]
    if trigger.pos_ != "VERB" or not preps or preps[0] not in ("of", "about") or "with" in preps \
            or any(c.dep_ == "dobj" for c in trigger.children):
        return False
    subject = actors.subject(trigger)  # "Iran and Iraq talked about …", "nations willing to talk about their debts"
    return subject is None or not (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children))


def _refuses_nothing(trigger) -> bool:
    """"the trade surplus started to decline sharply", "earnings declined 75.4 mln dlrs": a verb of refusal with
    no object (or a figure for one), clause or infinitive is the verb in its other sense (to fall), not a rejection."""
    def a_figure(tok) -> bool:
        return _is_figure(tok) if tok.dep_ == "dobj" else all(_is_figure(g) for g in tok.children if g.dep_ == "pobj")
    return trigger.pos_ == "VERB" and not any(
        c.dep_ in ("xcomp", "ccomp", "nsubjpass") or (c.dep_ in ("dobj", "prep") and not a_figure(c))
        for c in trigger.children)


def _details_withheld(verb, rules: EventRules) -> bool:
    """"declined to give financial details", "declined comment": information withheld is no rejection
    ("agreed to share information" still agrees; "refuted the comments" still disapproves)."""
    return any((c.dep_ == "xcomp" and _information_given(c, rules))
               or (c.dep_ == "dobj" and c.lemma_.lower() in rules.reporting_formulas) for c in verb.children)


def _told_the_press(trigger, verb, rules: EventRules) -> bool:
    """"Talking to reporters", "met journalists": words for the press are a statement, not a meeting."""
    children = [c for node in triggers.trigger_and_verb(trigger, verb) for c in node.children]
    heard = [c for c in children if c.dep_ in ("dobj", "dative")]
    heard += [g for c in children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    return any(rules.agents.get(t.lemma_.lower()) == "MED" for t in heard)  # also "when approached by reporters"


def _meets_a_thing(trigger, rules: EventRules) -> bool:
    """"meet their debt payments", "facing elections", "demand has been met": a verb of meeting whose object is no one."""
    return trigger.lemma_.lower() in rules.partner_verbs and any(
        c.dep_ in ("dobj", "nsubjpass") and actors.actor_in(c, rules) is None for c in trigger.children)


def _warns_of_a_thing(trigger, verb, rules: EventRules) -> bool:
    """"warned that mounting unemployment could cause strains": a forecast, not a threat. A threat's
    clause has an actor doing it ("warned that his government would expel him", "that it will retaliate")."""
    heads = triggers.trigger_and_verb(trigger, verb)
    if any(c.dep_ == "xcomp" for node in heads for c in node.children):
        return False  # "threatened to close the borders should the region proceed": the act is the infinitive
    clauses = [c for node in heads for c in node.children if c.dep_ == "ccomp"]
    subjects = [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(s.pos_ == "NOUN" and actors.actor_in(s, rules) is None for s in subjects)


def _talked_about(trigger, rules: EventRules) -> bool:
    """"The Swedish Match deal will cost …", "a meeting was set for 1900 hours", "it is a political discussion":
    an event noun that is a subject or an attribute with no owner written is a thing talked about; with
    one it is reported ("Poland's talks in Washington were concrete", "the UN-brokered ceasefire will start",
    "cooperation between the Philippines and the United States"),
    as are the people it names ("Protesters burned the flag")."""
    if trigger.pos_ != "NOUN" or trigger.dep_ not in ("nsubj", "nsubjpass", "attr") or actors.is_actor(trigger, rules):
        return False
    sides = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("between", "by") for g in c.children]
    return not any(c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod", "pobj") and actors.actor_in(c, rules) is not None)
                   for c in [*trigger.children, *sides])


def _concurs(trigger) -> bool:
    """"The other member of the board, Marvin Duncan, agreed.": one person agreeing to nothing written shares
    an opinion; two sides that agree reach an agreement ("Iran and Iraq agreed", "Venezuela agreed with its
    bank committee")."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() != "agree" or any(
            c.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass", "conj", "prep") for c in trigger.children):
        return False
    subject = actors.subject(trigger)
    return subject is not None and subject.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in subject.children)


def _in_a_question(trigger) -> bool:
    """"Is the president going to ask him?", "How can I tell … if the United States does not want to offer
    us grain?": an act in a question is asked about, not reported (the "?" hangs on its clause's verb)."""
    heads = {trigger.i, *(a.i for a in trigger.ancestors)}
    return any(t.text == "?" and t.head.i in heads for t in doccache.sentence(trigger))


def _passive(verb) -> bool:
    return verb.pos_ == "VERB" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _no_event_sense(trigger, verb, kind: str, rules: EventRules) -> bool:
    """The event word is used in a sense that reports no event (each check says which)."""
    if _reporting_formula(verb, rules) or _figure_complement(trigger) or _talked_about(trigger, rules) \
            or _a_measured_share(trigger, rules) or _in_a_question(trigger):
        return True
    by_kind = {
        "AID": lambda: _information_given(verb, rules) or _borrowed(trigger, rules) or _yields_a_figure(trigger, rules),
        "CONCEDE": lambda: _yields_a_figure(trigger, rules),
        "RETREAT": lambda: _text_released(trigger, rules),
        "AGREE": lambda: _law_proposed(verb, rules) or _concurs(trigger),
        "REJECT": lambda: _details_withheld(verb, rules) or _refuses_nothing(trigger),
        "DEMAND": lambda: _a_question(trigger, rules) or _demand_of_no_one(trigger) or _market_demand(trigger, rules),
        "ASSAULT": lambda: _struggles_to(trigger) or _figurative_attack(trigger, rules),
        "CONSULT": lambda: _told_the_press(trigger, verb, rules) or _meets_a_thing(trigger, rules) or _talks_of_a_thing(trigger),
        "THREATEN": lambda: _warns_of_a_thing(trigger, verb, rules),
    }
    return kind in by_kind and by_kind[kind]()


def extract_events(doc: Doc, ents: ArticleEntities, rules: EventRules, article_date: str | None = None,
                   dateline_city: str | None = None) -> list[Event]:
    events = []
    resolver = Resolver(doc, ents, rules.reference)
    for sent in doc.sents:
        event = _code_sentence(sent, ents, rules, resolver, article_date, dateline_city)
        if event is not None:
            events.append(event)
    return events


def _code_sentence(sent: Span, ents: ArticleEntities, rules: EventRules, resolver: Resolver,
                   article_date: str | None, dateline_city: str | None) -> Event | None:
    chosen = triggers.choose_trigger(sent, rules)
    if chosen is None:
        return None
    trigger, kind = chosen
    verb = triggers.verb_of(trigger)
    if _no_event_sense(trigger, verb, kind, rules):
        return None
    read = modality.mood(trigger, verb, kind, rules)
    if _passive(verb) and (read.mode != "asserted" or not triggers.is_own(trigger, rules)):
        return None  # "the package will be signed on March 20", "will not be allowed to exceed", "is being hurt by
        # market forces": a prospect or a state of a thing, not an actor acting (on the gold: 0 of 3 right)
    who = actors.sides(sent, trigger, verb, read.kind, ents, rules, resolver)
    if who.source is not None and who.target is not None and who.source.lower() == who.target.lower():
        return None  # "the arms-for-hostages deal with Iran" coded Iran with Iran: no one acts on themselves
    # (what someone not in politics says the state must do is an opinion: "OPEC must hold to its pact, said an analyst")
    if who.source is None or not (who.source_political or (who.target_known_political and read.mode != "obliged")):
        return None  # no one acting, or neither side in politics: a company buying shares, a poll, a price
        # (a businessman suing a government is an event). An event with no source is none a reader can use:
        # in Reuters they were "exports are shipped to the U.S.", "coffee bought on London's market"
    if who.source_civilian and not who.target_known_political and not {kind, read.kind} & rules.civil_acts:
        return None  # "the union's rejection of its concessions package", "cattlemen give their animals …": people
        # outside the state acting among themselves (a strike, a protest, or an act on the state is an event)
    if not triggers.is_own(trigger, rules) and (not who.target_political or who.target_is_place
                                                           or who.target_of_a_thing):
        return None  # a CAMEO verb codes a source acting on a target actor: "protect its reserves", "hold a
        # press conference in New York", "buying British missiles" are none
    if _done_to_market_object(trigger, verb, ents, rules):
        return None  # "issuing a bond", "granted an option": a transaction
    location, location_country = places.sentence_location(sent, ents, dateline_city, rules)
    return Event(
        event_type=read.kind, quad_class=rules.quad_class[read.kind], trigger=trigger.text,
        source_actor=who.source, source_country=who.source_country, target_actor=who.target,
        target_country=who.target_country,
        event_date=dates.sentence_date(sent, article_date, rules, future=read.mode in ("future", "conditional")),
        location=location, location_country=location_country,
        sentence_start=sent.start_char, sentence_end=sent.end_char, negated=read.negated,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text), mode=read.mode)
