"""Each extractor on sentences written for the purpose: offsets, kinds, names, units, events."""
from __future__ import annotations

import pytest

SEED_LIKE = ("Pakistan's Foreign Minister Shah Mahmood Qureshi and his Russian counterpart Sergey Lavrov on Wednesday "
             "agreed to further promote bilateral cooperation.\n\nQureshi held talks with Lavrov in Islamabad.\n\n"
             "\"We reviewed our cooperation in the field of security,\" Qureshi said.")


def spans_match(body, rows, start, end, text):
    for row in rows:
        if row[start] is not None:
            assert body[row[start]:row[end]] == row[text]


def test_entities_resolve_surnames_to_full_names(analyse):
    doc, ents, rows = analyse(SEED_LIKE)
    names = {(e["name"], e["type"]) for e in rows["entities"]}
    assert ("Shah Mahmood Qureshi", "PERSON") in names
    assert not any(n == "Qureshi" for n, _ in names)
    qureshi = next(e["entity_id"] for e in rows["entities"] if e["name"] == "Shah Mahmood Qureshi")
    assert sum(1 for m in rows["mentions"] if m["entity_id"] == qureshi) >= 3
    spans_match(SEED_LIKE, rows["mentions"], "start", "end", "text")


def test_direct_quote_with_named_speaker(analyse):
    _, _, rows = analyse(SEED_LIKE)
    q = next(q for q in rows["quotes"] if q["kind"] == "direct")
    assert q["quote_text"].startswith('"We reviewed') and q["cue"] == "said"
    assert q["speaker"] == "Qureshi" and q["speaker_name"] == "Shah Mahmood Qureshi"
    spans_match(SEED_LIKE, rows["quotes"], "quote_start", "quote_end", "quote_text")
    spans_match(SEED_LIKE, rows["quotes"], "speaker_start", "speaker_end", "speaker")


def test_split_quote_is_one_row_and_pronoun_resolves(analyse):
    text = ("Finance Minister Maria Lopez spoke on Monday.\n\n"
            "\u201cThe budget is balanced,\u201d she said. \u201cWe will not raise taxes this year.\u201d")
    _, _, rows = analyse(text)
    direct = [q for q in rows["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["quote_text"].endswith("this year.\u201d") and direct[0]["quote_text"].startswith("\u201cThe budget")
    assert direct[0]["speaker"] == "she" and direct[0]["speaker_name"] == "Maria Lopez"


def test_indirect_and_mixed_quotes(analyse):
    text = ('Sergey Lavrov said Russia was ready to build counter-terrorism potential. '
            'He said the two countries "share convergent positions on several issues."')
    _, _, rows = analyse(text)
    kinds = [q["kind"] for q in rows["quotes"]]
    assert kinds == ["indirect", "mixed"]
    assert rows["quotes"][0]["quote_text"].startswith("Russia was ready")
    assert all(q["speaker_name"] == "Sergey Lavrov" for q in rows["quotes"])


def test_unbalanced_quotation_marks_do_not_crash(analyse):
    text = '"This is in the interest of all states of the region, he said, adding that "more" would come.\n\nEnd "'
    _, _, rows = analyse(text)
    spans_match(text, rows["quotes"], "quote_start", "quote_end", "quote_text")


def test_according_to(analyse):
    _, _, rows = analyse("According to the ministry, exports rose sharply in March.")
    q = rows["quotes"][0]
    assert q["speaker"] == "the ministry" and q["quote_text"].startswith("exports rose")


@pytest.mark.parametrize("text, speaker", [
    # the parser takes a word of the quote for the subject of "said"
    ('"If it cannot, it will at some point, probably sooner rather than later," said James Acton, '
     'a physicist at the Carnegie Endowment.', "James Acton"),
    ('Said Ellis: "I do not get the sense she is the least bit interested in tax reform."', "Ellis"),
    ('"Did you shoot him? He had better not be dead," she yells while running down the street.', "she"),
    ('"Go back to Univision and do not come back here," Trump barked at the reporter.', "Trump"),
    ('She then addressed the supporters again: "Here is what I regret about this whole campaign."', "She"),
    ('In an August speech, Trump attacked "the hateful ideology of radical Islam and its oppression."', "Trump"),
])
def test_direct_quote_speakers_beyond_said(analyse, text, speaker):
    _, _, rows = analyse(text)
    direct = [q for q in rows["quotes"] if q["kind"] == "direct"]
    assert [q["speaker"] for q in direct] == [speaker]
    assert all(text[q["speaker_start"]:q["speaker_end"]] == q["speaker"] for q in direct)


def test_a_full_stop_ends_the_quote_before_a_later_verb(analyse):
    text = ('Trump boasted, "That makes me very smart." Trump was defensive when forced to defend '
            'not paying an architect.')
    _, _, rows = analyse(text)
    direct = [q for q in rows["quotes"] if q["kind"] == "direct"]
    assert [(q["cue"], q["speaker_start"]) for q in direct] == [("boasted", 0)]


def test_metric_percentage_increase_with_concept(analyse):
    _, _, rows = analyse("He expressed satisfaction over the 46 per cent increase in bilateral trade.")
    m = rows["metrics"][0]
    assert (m["value"], m["normalized_unit"], m["change"], m["concept"]) == (46.0, "percentage", "up", "bilateral trade")


def test_metric_ranges_currencies_and_bounds(analyse):
    text = ("The company expects revenue of $1.2 billion and profit between 340 and 350 million euros. "
            "It employs more than 13,000 workers and shipped about 260 million tonnes.")
    _, _, rows = analyse(text)
    got = {(m["value"], m["value_max"], m["normalized_unit"], m["change"]) for m in rows["metrics"]}
    assert (1.2e9, None, "dollar", "=") in got
    assert (340e6, 350e6, "euro", "=") in got
    assert (13000.0, None, "worker", ">") in got
    assert (260e6, None, "tonne", "~") in got
    spans_match(text, rows["metrics"], "start", "end", "text")


def test_dates_years_and_ordinals_are_not_metrics(analyse):
    _, _, rows = analyse("On March 29, 2019, the first meeting since 2012 took place at 10:30 in the 3rd district.")
    assert rows["metrics"] == []


def test_model_numbers_labels_and_addresses_are_not_metrics(analyse):
    text = ("The iPhone 11 Pro costs $999, the FTSE 100 rose and a category 4 hurricane hit 575 Wilbraham Road "
            "as the COVID-19 crisis went on.")
    _, _, rows = analyse(text)
    assert [(m["value"], m["normalized_unit"]) for m in rows["metrics"]] == [(999.0, "dollar")]


def test_a_whole_number_before_a_model_name_is_the_name(analyse):
    _, _, rows = analyse("The company raised the price of the 911 Turbo Targa to 71,035 dlrs. Israel released "
                         "300 Palestinians.")
    assert [(m["value"], m["normalized_unit"]) for m in rows["metrics"]] == [(71035.0, "dollar"), (300.0, "Palestinian")]


def test_who_says_a_figure_is_not_what_it_measures(analyse):
    _, _, rows = analyse('"This rate is a marker for new negotiations and will save us 50 mln dlrs this year," '
                         'Lusinchi said.')
    assert [m["concept"] for m in rows["metrics"]] == ["rate"]


def test_what_a_verb_extends_by_a_figure_is_measured_before_who_extends_it(analyse):
    metrics = analyse("In addition, customers can select to extend their hardware warranties up to three years at "
                      "the time of purchase.")[2]["metrics"]
    assert [m["concept"].split(", ")[0] for m in metrics] == ["hardware warranties"]


def test_from_to_is_one_range_and_magnitudes_keep_their_full_stop(analyse):
    text = ("Bitcoin plummeted from $36,040 at 10.45pm last night to $34,935 at 5am. "
            "The flights should have cost HK $5.4m.")
    _, _, rows = analyse(text)
    got = {(m["value"], m["value_max"], m["normalized_unit"]) for m in rows["metrics"]}
    assert (36040.0, 34935.0, "dollar") in got
    assert (5.4e6, None, "hong kong dollar") in got
    assert not any(m["normalized_unit"] == "picometre" for m in rows["metrics"])
    spans_match(text, rows["metrics"], "start", "end", "text")


def test_a_conversion_in_brackets_shares_change_and_concept(analyse):
    text = "The turbocharged engine produces just under 296 hp (300 PS) in the rally car."
    _, _, rows = analyse(text)
    hp, ps = sorted(rows["metrics"], key=lambda m: m["start"])
    assert (hp["value"], ps["value"]) == (296.0, 300.0)
    assert hp["change"] == ps["change"] == "<"
    assert ps["concept"] == hp["concept"] and hp["concept"]


def test_a_bare_number_ending_a_from_to_takes_the_unit_and_us_dollars_keep_their_rate(analyse):
    text = ("Mileage rose from about 14-18 mpg to 24 for sport utility vehicles. "
            "Oil fell from $75 U.S. per barrel to $45.88.")
    _, _, rows = analyse(text)
    units = {m["value"]: m["normalized_unit"] for m in rows["metrics"]}
    assert units[24.0] == "mile per gallon"
    assert units[75.0] == "dollar per barrel"


def test_measures_the_ner_calls_dates_or_ordinals_and_glued_rates(analyse):
    text = ("The 1520 sq m centre has a floor area of 32m2. The phone has a 3687 mAh battery and "
            "accelerates to 100km/hr. Its neck is 25.5″ long. Shares were up 5pc in 1987.")
    got = {(m["value"], m["normalized_unit"]) for m in analyse(text)[2]["metrics"]}
    assert {(1520.0, "square metre"), (32.0, "square metre"), (3687.0, "milliampere-hour"),
            (100.0, "kilometre per hour"), (25.5, "inch"), (5.0, "percentage")} <= got
    assert not any(value == 1987.0 for value, _ in got)


def test_index_names_times_of_day_and_levels_after_a_change(analyse):
    text = ("On Wall St at 1.56pm: Dow +0.2% S&P 500 +0.3%. "
            "The biggest fallers were Unite Group, down 68 p at 1112 p.")
    rows = {m["value"]: m for m in analyse(text)[2]["metrics"]}
    assert 1.56 not in rows
    assert rows[0.3]["concept"].startswith("S&P 500")
    assert rows[1112.0]["concept"] == rows[68.0]["concept"] and "Unite Group" in rows[68.0]["concept"]


def test_fractions_in_words_are_one_number(analyse):
    m = analyse("About three-quarters of voters agreed.")[2]["metrics"][0]
    assert (round(m["value"], 2), m["change"], m["concept"], m["text"]) == (0.75, "~", "voters", "three-quarters")


def test_concepts_of_counted_subjects_places_and_neighbouring_nouns(analyse):
    def concept(text: str, value: float) -> str | None:
        return next(m["concept"] for m in analyse(text)[2]["metrics"] if m["value"] == value)

    assert concept("One proposal asks the board to stop selling the software.", 1.0) is None
    assert concept("He shot 47.6% from the field.", 47.6) == "field"
    assert concept("Say you are sitting on $1 billion in gains.", 1e9) == "gains"
    assert concept("A 352 μm pixel pitch.", 352.0) == "pixel pitch"
    assert concept("It is a million dollar house.", 1e6) == "house"  # its unit is no word of what it measures


def test_concepts_of_money_in_a_thing_a_figure_given_two_ways_and_table_rows(analyse):
    def concept(text: str, value: float) -> str | None:
        return next(m["concept"] for m in analyse(text)[2]["metrics"] if abs(m["value"] - value) < 1e-6)

    assert concept("Bankers said Brazil owes U.K. banks 8.5 billion dlrs in long term loans.", 8.5e9).startswith("long term loans")
    assert concept("The company said it had 5 mln dlrs in cash.", 5e6).startswith("cash")
    assert concept("Cenergy reported net income of 3,705,000 dlrs or 36 cts per share.", 36.0).startswith("net income")
    assert concept("Annual div six dlrs vs 12 dlrs prior\nPay March 19", 12.0) == "Annual div"  # a number word starts the row
    assert "pct" not in (concept("For the month of February sales fell two pct to 78,508 cars.", 78508.0) or "")
    changes = "The study forecast a decline in GDP growth to 1.75 pct from two pct and a rise in consumer price inflation to 1.25 pct."
    assert concept(changes, 1.75).startswith("GDP growth") and concept(changes, 1.25).startswith("consumer price inflation")


def test_concepts_of_a_modified_loan_a_verbs_object_and_a_figure_compared(analyse):
    def concepts(text: str) -> list:
        return [(m["value"], m["concept"]) for m in analyse(text)[2]["metrics"]]

    # the noun a hyphenated amount modifies, without the words of the clause after it
    loan = concepts("The line of credit will pay off a 1,750,000-dlr working capital loan the company owes Wells Fargo Bank.")
    assert loan == [(1750000.0, "working capital loan, line")]
    # a figure in a preposition of the verb measures the verb's object before its subject
    loss = concepts("Bra Kanon estimated at at least 535 billion CFA francs (1.76 billion dlrs) the overall loss "
                    "in revenues earned by Ivory Coast.")
    assert loss[0][1].startswith("overall loss")
    # the level a change goes to, and the one it is compared with, measure what changes
    dividend = concepts("Waste Management directors approved an increase in the quarterly dividend to 18 cts from 14 cts.")
    assert [c.split(",")[0] for _, c in dividend] == ["quarterly dividend", "quarterly dividend"]
    # a participle's figure measures the noun it describes; a noun apposed to an amount is what it buys
    bond = concepts("The bank is issuing a eurobond paying an initial coupon of 16 pct and priced at 101 pct, the lead manager said.")
    assert bond[-1] == (101.0, "eurobond")
    sale = concepts("General DataComm Industries Inc said it has agreed to sell for 40 mln dlrs its Network Services facility.")
    assert sale[0][1].startswith("Network Services facility")
    engine = concepts("Under the bonnet hides a turbocharged 1.6 liter EcoBoost engine tuned by M-Sport to produce just under 296 hp.")
    assert engine[-1] == (296.0, "turbocharged EcoBoost engine")
    program = concepts("The report explains the full funding of a total economic program costing 8.9 billion dlrs through 1992.")
    assert program[0][1].startswith("total economic program")
    # a clause of "when" owns nothing: the time it modifies is not what is counted
    layoff = concepts("GM is going ahead with the program at a time when it has 37,000 employees on indefinite layoff.")
    assert "time" not in layoff[0][1]
    # one who speaks is someone, not a count of one
    assert concepts('"Nobody can tell the difference," one salesman said.') == []
    # a name with digits stays in a concept; what a change measures is its own modifier
    assert "M-1" in concepts("The average forecast called for a 300 mln dlr M-1 rise.")[0][1]
    # a name on its own says whose figure it is: after the phrase that says what it is
    # a difference measures against what it is compared to
    assert concepts("That is 53 basis points more than the yield of comparable Treasury securities.") == [(53.0, "yield")]
    share = concepts("GM took only 48.1 pct of domestic car sales in the period compared with 55.7 pct a year ago.")
    assert [c for _, c in share] == ["domestic car sales, GM", "domestic car sales, GM"]


def test_a_period_heading_is_no_figure_and_a_year_ago_no_rate(analyse):
    table = analyse("Oper shr profit nil vs loss six cts\nNine mths\nOper shr profit 12 cts vs loss 20 cts")[2]["metrics"]
    assert [m["text"] for m in table] == ["six cts", "12 cts", "20 cts"]
    assert analyse("Trades entered by 1000 London time are matched.")[2]["metrics"] == []  # a time of day
    earnings = analyse("Gelco reported pre-tax operating earnings of 14.8 mln dlrs, or 1.08 dlrs a share.")[2]["metrics"]
    assert [m["concept"] for m in earnings] == ["pre-tax operating earnings, Gelco"] * 2  # one figure given two ways
    sales = analyse("February sales increased to 104.3 mln dlrs from 88.2 mln dlrs a year ago.")[2]["metrics"]
    assert {m["normalized_unit"] for m in sales} == {"dollar"}


def test_an_item_of_a_list_names_its_figure_and_a_bracket_restates_it(analyse):
    metrics = analyse("Soyabean oil imports were 32,000 (48,200), sunflower oil 61,600 (92,800) "
                      "and groundnut oil 9,300 (12,200).")[2]["metrics"]
    assert [m["concept"].split(",")[0] for m in metrics] == [
        "Soyabean oil imports", "Soyabean oil imports", "sunflower oil", "sunflower oil", "groundnut oil", "groundnut oil"]


def test_years_and_numbers_of_names_are_no_quantities(analyse):
    def values(text: str) -> list:
        return [(m["value"], m["value_max"]) for m in analyse(text)[2]["metrics"]]

    assert values("Palm oil production is expected to increase by over 7.0 pct in 1987 to 1.45 mln tonnes.") == [
        (7.0, None), (1450000.0, None)]  # a year, then where the change goes: no range
    assert values("The company changed its accounting, increasing 1986 year net 9.2 mln dlrs.") == [(9200000.0, None)]
    assert values("WPPSS made statements about its plans to build its No. 3 and No. 4 nuclear power plants.") == []
    assert values("The ruins are 2000 years old.") == [(2000.0, None)]  # a count of years is plural


def test_number_words_and_magnitudes():
    from dateline.extract.numbers import parse_number

    assert parse_number("twenty-five") == 25
    assert parse_number("a dozen") == 12
    assert abs(parse_number("two-thirds") - 2 / 3) < 1e-9
    assert parse_number("1,750") == 1750
    assert parse_number("$1.2bn") == 1.2e9
    assert parse_number("hello") is None


def test_events_seed_sentence(analyse):
    _, _, rows = analyse(SEED_LIKE, date="2021-04-07", city="Islamabad")
    by_type = {e["event_type"]: e for e in rows["events"]}
    assert by_type["AGREE"]["source_country"] == "PAK" and by_type["AGREE"]["target_country"] == "RUS"
    assert by_type["AGREE"]["event_date"] == "2021-04-07" and by_type["AGREE"]["quad_class"] == "verbal cooperation"
    assert by_type["CONSULT"]["source_country"] == "PAK" and by_type["CONSULT"]["target_country"] == "RUS"


def test_negated_cooperation_is_reject(analyse):
    _, _, rows = analyse("Iran refused to meet the inspectors on Monday.", date="2021-04-07")
    e = rows["events"][0]
    assert e["event_type"] == "REJECT" and e["negated"] and e["source_country"] == "IRN"
    assert e["event_date"] == "2021-04-05"


def test_relative_dates_against_the_article_date(rules):
    from dateline.extract.events.dates import resolve_date

    assert resolve_date("Wednesday", "2021-04-07", rules.events) == "2021-04-07"  # the paper's own weekday is today
    assert resolve_date("on Thursday", "2021-04-07", rules.events) == "2021-04-01"
    assert resolve_date("yesterday", "2021-04-07", rules.events) == "2021-04-06"
    assert resolve_date("Wednesday", None, rules.events) is None


def test_a_process_keeps_the_words_of_its_first_articles_only(monkeypatch):
    """Flat memory without a slow tokenizer: the first articles' words stay, later ones are freed."""
    from dateline import nlp as model
    from dateline.records import Article

    monkeypatch.setattr(model, "VOCAB_ARTICLES", 1)
    monkeypatch.setattr(model, "_articles_read", {})
    strings = model.pipeline_with_extractors(None).vocab.strings
    rows = model.extract_chunk([Article("w1", "t", "Zorblaxian traders met 12 buyers in Qwertown.", "h")])
    assert "Zorblaxian" in strings and len(rows["metrics"]) == 1
    rows = model.extract_chunk([Article("w2", "t", "Flimnorptic traders met 12 buyers in Qwertown.", "h")])
    assert "Flimnorptic" not in strings and len(rows["metrics"]) == 1


# ------------------------------------------------------------------ what a reader of real news sees
def test_whom_it_was_told_to_is_not_what_was_told(analyse):
    quote = analyse("They told reporters Hyundai Motor expects to export 450,000 cars in 1987.")[2]["quotes"][0]
    assert quote["quote_text"].startswith("Hyundai Motor expects")


def test_a_new_sentence_after_a_closed_quote_is_no_attribution(analyse):
    quotes = analyse('Redstone also said "Viacom is committed to working very closely with us to obtain approvals." '
                     'Viacom has been seeking approvals for the transfer since September.')[2]["quotes"]
    direct = next(q for q in quotes if q["kind"] == "direct")
    assert (direct["cue"], direct["speaker"]) == ("said", "Redstone")


@pytest.mark.parametrize("text, speaker, name, resolution", [
    ("Circuit Systems Inc reported higher sales. It said demand was strong.", "It", "Circuit Systems Inc", "resolved"),
    ("Mannesmann AG raised its dividend. The company said profits rose sharply last year.", "The company",
     "Mannesmann AG", "resolved"),
    ("Bank of England officials met. The bank said rates would stay.", "The bank", "Bank of England", "resolved"),
    ("Analysts expect a cut. They said the market was weak.", "They", "Analysts", "group"),
    ("Exports fell. The report said demand was weak.", "The report", None, "document"),
    ("British Aerospace plans a sale. A company spokesman said talks were going well.", "A company spokesman",
     "British Aerospace", "resolved"),
    # someone the phrase relates to is not the speaker; one among many is someone not named before
    ("Richard Lyng will not raise the wheat initiative at a cabinet-level meeting set for tomorrow, an aide to Lyng "
     "said.", "an aide to Lyng", None, "unresolved"),
    ("The State Department spoke. Rates will rise soon, one regional bank official said.", "one regional bank official",
     None, "unresolved"),
    ('"It strikes me odd," said the Illinois Democrat, "that the number is more than double."', "the Illinois Democrat",
     None, "unresolved"),
    ('"We just do not know where the market is going," a European banker said.', "a European banker", None,
     "unresolved"),  # a nationality, not who
])
def test_speakers_that_name_no_one_are_resolved_or_labelled(analyse, text, speaker, name, resolution):
    quote = next(q for q in analyse(text)[2]["quotes"] if q["speaker"] == speaker)
    assert (quote["speaker_name"], quote["speaker_resolution"]) == (name, resolution)
    assert (quote["speaker_entity_id"] is not None) == (resolution == "resolved")


@pytest.mark.parametrize("text, speaker, name", [
    ("WEDGE Group Inc holds 4.8 mln shares of AMI. WEDGE said it plans to hold further talks with management.",
     "WEDGE", "WEDGE Group Inc"),
    ("<Hutton Industries Corp> bought the plant on Monday. Hutton said the deal would close in April.",
     "Hutton", "Hutton Industries Corp"),
])
def test_a_short_name_the_model_missed_is_the_one_body_named_so(analyse, text, speaker, name):
    quote = next(q for q in analyse(text)[2]["quotes"] if q["speaker"] == speaker)
    assert (quote["speaker_name"], quote["speaker_resolution"]) == (name, "named")
    assert quote["speaker_entity_id"] is not None


def test_a_speaker_after_a_figure_led_phrase_and_a_name_inside_a_modifying_clause(analyse):
    text = ("The City of Quebec is issuing a 40 mln Canadian dlr, nine pct bond due April 1, 1997 at 100-1/2 pct, "
            "sole lead manager Societe Generale said.")
    quote = analyse(text)[2]["quotes"][0]
    assert quote["speaker"] == "sole lead manager Societe Generale"
    assert quote["quote_text"].startswith("The City of Quebec") and quote["quote_text"].rstrip(",").endswith("pct")
    quote = analyse("The commission, headed by former Senator John Tower, said the policy had failed.")[2]["quotes"][0]
    assert quote["speaker_name"] != "John Tower"  # the commission spoke, not the man who heads it
    quote = analyse("The talks failed, two officials said.")[2]["quotes"][0]
    assert quote["speaker"] == "two officials"


def test_a_bracketed_company_speaks_and_an_undisclosed_object_is_no_quote(analyse):
    quote = analyse("<Bryson Oil and Gas Plc> said it paid 5.4 mln dlrs for a stake in <Cenergy Corp>.")[2]["quotes"][0]
    assert (quote["speaker"], quote["speaker_name"]) == ("Bryson Oil and Gas Plc", "Bryson Oil and Gas Plc")
    after = analyse("The company paid 5 mln dlrs for the stake, <Bryson Oil and Gas Plc> said.")[2]["quotes"][0]
    assert after["quote_text"] == "The company paid 5 mln dlrs for the stake,"  # the bracket is the name's
    assert analyse("Phoenix did not disclose the identity of the investors.")[2]["quotes"] == []
    assert analyse("He did not say that the talks had failed.")[2]["quotes"]  # a clause not said is still reported
    ordered = "Daniel Silverman was sentenced to three years probation and ordered to provide 250 hours of community service."
    assert analyse(ordered)[2]["quotes"] == []  # the one ordered said nothing


@pytest.mark.parametrize("text, speaker, name", [
    # Reuters' ticker after a name codes the name; an aside between commas is not part of it
    ("Reuters Holdings Plc <RTRS.L> said it would display a news service.", "Reuters Holdings Plc", "Reuters Holdings Plc"),
    ("KLM Royal Dutch Airlines <KLM.AS>, in a move following similar steps by TWA, said it is cutting its fares.",
     "KLM Royal Dutch Airlines", "KLM Royal Dutch Airlines"),
    # the one quoted as saying is the speaker, not the paper quoting them
    ("The China Daily quoted Mobil president Richard Tucker, currently in Peking, as saying he is optimistic.",
     "Mobil president Richard Tucker", "Richard Tucker"),
    ("Funaro was quoted as saying the crisis would last for months.", "Funaro", "Funaro"),
    # the quote's last word the parser made the subject, with the name as its conjunct
    ("The prospects of the coffee group reaching an agreement on export quotas before September appear dim, "
     "Alberto Hesse, former president of the European Coffee Federation, said.", "Alberto Hesse", "Alberto Hesse"),
    # a name in apposition to a common noun is whom it names
    ("The Dutch chemicals group, Akzo NV, said it would close a plant.", "The Dutch chemicals group, Akzo NV", "Akzo NV"),
])
def test_a_ticker_or_an_aside_is_no_speaker_and_an_apposed_name_is(analyse, text, speaker, name):
    quote = analyse(text)[2]["quotes"][0]
    assert (quote["speaker"], quote["speaker_name"], quote["speaker_resolution"]) == (speaker, name, "named")


def test_he_after_an_unnamed_role_is_that_role_not_the_last_person_named(analyse):
    text = ("Paul Smith left Acme Inc in May. A company spokesman said sales rose. "
            "He said the plant would stay open.")
    quote = next(q for q in analyse(text)[2]["quotes"] if q["speaker"] == "He")
    assert quote["speaker_name"] == "Acme Inc"


def test_details_withheld_and_an_actor_acting_on_itself_are_no_events(analyse):
    assert analyse("A Rossignol spokesman declined to give financial details of the French deal.")[2]["events"] == []
    deal = "Gold rose after a statement by President Ronald Reagan that the arms-for-hostages deal with Iran was a mistake."
    assert all(e["source_actor"] != e["target_actor"] for e in analyse(deal)[2]["events"])
    shared = analyse("Trump and Putin have agreed to share information on North Korea.")[2]["events"]
    assert [e["event_type"] for e in shared] == ["AGREE"]


@pytest.mark.parametrize("text, coded", [
    ("Banking sources said Brazil's monthly surplus had declined to some 150 mln dlrs.", []),  # a figure falling
    ("Norfolk Southern declined comment, but said it stuck with its offer for Piedmont.", []),
    ("Asked whether U.S. antitrust regulators might object, Charles Sporck said it was possible.", []),  # a question
    ("The Security Council today agreed to a six-month extension of the mandate for the force in Lebanon.", ["AGREE"]),
    ("Iran was asked by the UN to halt the tests.", ["DEMAND"]),
    ("Iran asked the United Nations whether Iraq had used chemical weapons.", []),  # a question put
    ("Stocks fell on the news that Brazil has suspended interest payments on its debt.", ["SANCTION"]),  # reported
    ("Thai miners would press for the opening of more mines if the tin price rose.", ["DEMAND"]),  # a condition
    ("Rebels were fighting government troops near the border.", ["ASSAULT"]),
    ("The army is striking rebel targets in the north, it said.", ["ASSAULT"]),  # targets attacked
    ("A Saudi firm asked the finance ministry to increase tax breaks.", ["DEMAND"]),  # a business to the state
    ("Iran offered 5 mln dlrs for the reconstruction of Iraq.", ["AGREE"]),  # an offer for a thing of the state
    ("Iran won the support of three Gulf states for the plan.", ["SUPPORT"]),  # a count of actors supports
    ("Leaders of the opposition Workers' Party demanded an explanation from the prime minister.", ["DEMAND"]),
    ('"OPEC must hold to its pact," said John Smith of the State Department.', ["DEMAND"]),  # the state's demand
    ("A Soviet official said a visit to Moscow by U.S. Secretary of State George Shultz was likely.", ["CONSULT"]),
    ("Sen. David Boren (D-Okla.) spoke on Monday. Boren urged that the regulator should request help.", ["DEMAND"]),
    ("Baker said he expected it soon when asked by reporters when Reagan would resume his news conferences.", []),
    ("The crisis began when Brazil's trade surplus started to decline sharply.", []),  # decline: to fall
    ("Iran refused to meet the inspectors.", ["REJECT"]),
    ("The government is in no hurry to issue more bonds, given continuing demand from brokers.", []),  # the market's
    ("Nearly 80 pct of Canada's exports are shipped to the U.S. each year.", []),  # no one acts
    ("Softech Inc said it was awarded a 1 mln dlr contract by the U.S. Air Force.", []),  # a sale
    ("The government last week froze prices and wages.", []),  # an economic measure, done to prices
    ("The South African Government strongly refuted President Donald Trump's comments.", ["DISAPPROVE"]),
])
def test_figures_questions_and_comments_withheld_are_told_from_events(analyse, text, coded):
    assert [e["event_type"] for e in analyse(text)[2]["events"]] == coded


@pytest.mark.parametrize("text", [
    "Circuit Systems Inc said it has bought a stake in Ionic Industries.",
    "Economic activity continues to suffer.",
    "The MORI poll, conducted on Friday, found support for the Conservatives.",
    # an organisation the article shows as a business: Reuters' <ticker>, "TWA's offer"
    "Trans World Airlines <TWA> said it had made an offer for USAir. TWA met USAir's directors on Monday.",
    # reporting formulas protect a source: no refusal, no demand
    "The minister declined to comment on the report.",
    "An official, who asked not to be identified, said the plant was closed.",
    # a CAMEO verb codes a source acting on an actor, not on a thing
    "Brazil acted to protect its reserves.",
    # a business is its own actor, not the nationality or place that modifies it; a place of action is no target
    "Earlier today the Italian company postponed a press conference on its talks with Antibioticos.",
    "The company said it has executed a letter of intent to acquire three California corporations.",
    "AMR Corp will hold a press conference this morning in New York.",
    "Besides the financing, Bank of America has also agreed to provide a separate 25 mln dlr loan.",
    # verbs that code an event only with what they are done to, and light verbs with a thing
    "The Delta rocket lifted off from Cape Canaveral with a satellite for the Indian government.",
    "Brent traded today at around 17.15 dlrs, OPEC sources said.",
    "The Iraqi government will hold a press conference tomorrow.",
    "The Thai government gave Japan no further details of the plan.",  # words given: speech, not aid
    # a company named for its business, whatever country its name or its owner names; a business role
    "KLM Royal Dutch Airlines said it already cooperated closely with Air UK.",
    "Pacific Western said it appointed president and chief executive Rhys Eaton as chairman.",
    # the actors of a phrase's own prepositions, not of the clauses under them
    "American Motors Corp broke off talks aimed at extending the life of its only U.S. car assembly plant.",
    # words for the press, meeting a thing, naming with "call"
    "Talking to reporters, Brazil's finance minister Dilson Funaro said the crisis would go on.",
    "Several indebted nations made great efforts to meet their debt payments, the German minister said.",
    "Indonesia is facing general elections in April.",
    "In a statement Kemp called the tax a money grab by the Democrats in Congress.",
    # an event noun in a prepositional phrase is background; a warning of a thing is a forecast
    "Under the agreement, which runs through 1996, Green Mountain said it will sell the utility 30,000 megawatt-hours.",
    "The Iraqis have made no comment so far on the Kurdistan fighting.",
    "But the World Bank has warned that mounting unemployment could start causing severe social strains.",
    # CAMEO's bare verbs of material cooperation are economic verbs; a name qualifying the thing acted on
    "Ford Motor Co has increased its U.S. production schedule for the second quarter by 52,000 cars.",
    "The Army has been considering buying some British Rapier missiles as a stop-gap replacement.",
    "Taiwan plans another round of deep tariff cuts this year to help narrow its trade surplus with the U.S.",
    # an event noun as a subject or attribute, with no owner written, is a thing talked about
    "It's a political discussion from our point of view, the minister said.",
    "A new World Bank loan of 300 mln dlrs was given partly to help the government maintain reform.",
    # a collective is what its members are
    "The group of major lenders have agreed to defer a substantial amount of debt payments until June 30.",
    # a business acting is an event only when done to the state itself, not to a nationality, a place or a
    # thing a country owns
    "Skis Dynastar SA agreed to buy Canadian ski stick and boot manufacturer CFAS from Warrington Inc.",
    "Dow Chemical Co said it has agreed to sell its business interests in South Africa to a group of investors.",
    "U.S. Banks have 50 pct representation on the committee while holding only 35 pct of Brazil's debt.",
    # a question is no demand; fighting to do something is an effort; demand for a good is the market's
    "When a reporter asked about Mrs Reagan's role in government, Reagan replied that the press had invented it.",
    "Asked by a committee member if he expected a further decline, the Fed chairman said no.",
    "President Reagan, fighting to recover politically from the Iran-contra scandal, will speak tonight.",
    "U.S. oil demand rose 2.1 pct in the four weeks ended February 27, the Energy Information Administration said.",
    "The Soviet official said that near-term corn demand has been met by the recent Soviet purchases.",
    # a participle describing its noun is no event of the sentence; reporters approaching are the press
    "The Syrian envoy said the action violated the economic rights endorsed by the United Nations.",
    "The analysts said Sy, backed by the government, would probably suggest replacements.",
    "Webster answered with no comment when approached by reporters.",
    # a place or country in a thing that acts is not who acts: "fires in southern China", "the drop in U.S. orders"
    "More than 1,000 fires in southern China had destroyed 13,340 hectares of forest by mid-February.",
    "Connery said the four pct drop in January U.S. factory orders reinforced sentiment that growth will be slow.",
    # a level reached and an empty "it" that judges are no attack; a company acting on workers acts on no state
    "Taiwan's foreign exchange reserves hit a new high of more than 51 billion U.S. dlrs on March 4.",
    '"It strikes me odd," said the Illinois Democrat, "that the number of pilots is small."',
    "Acme Corp said it will lay off 200 workers at its Ohio plant.",
    "The spokesman declined to give the size of the recommended price drops.",  # information withheld
    # a poll's share of people is no act of support
    "In that survey, the Conservatives had the support of 39 pct of the voters, Labour 37 pct.",
    # a bid for a company, a price per share, an offer for sale are transactions
    "<Pesch Group> said its first offer for <American Medical International Inc> was made on Monday.",
    "Hutton is offering 35 dlrs cash per share for 83 pct of the shares.",
    "The spokesman said the group might offer the brewery side of Guinness for sale.",
    # a passive that states a prospect of a thing, or a CAMEO verb in the passive, reports no one acting
    "Citibank said Mexico's financing package, including a 7.7 billion dlr loan, will be signed on March 20.",
    "The deficit for 1987/88 will not be allowed to exceed the budgeted figure, the minister said.",
    "Western Canada's economy is being hurt by international market forces, the finance minister said.",
    # what someone in business says the state must do is an opinion, not a demand
    '"OPEC must hold to its pact for the next weeks," said Dillard Spriggs of Petroleum Analysis Ltd in New York.',
    # a source protected, questions asked, a sale of securities
    "The official, who asked that his name not be used, said the plant was closed yesterday.",
    "I asked so many questions about the hostages' welfare, President Reagan said.",
    "The Commonwealth of Australia is offering in the Yankee bond market 400 mln dlrs of bonds.",
])
def test_no_political_actor_no_event(analyse, text):
    assert [e["event_type"] for e in analyse(text)[2]["events"] if e["trigger"] != "said"] == []


def test_a_month_is_no_trigger_and_an_event_to_come_is_dated_ahead(analyse):
    events = analyse("The two ministers agreed to meet again in Ottawa in September. "
                     "Thousands of people will march in May.", date="2024-03-06")[2]["events"]
    assert all(e["trigger"].lower() not in ("march", "may") for e in events)
    agree = next(e for e in events if e["event_type"] == "AGREE")
    assert agree["event_date"].startswith("2024-09") and agree["mode"] == "asserted"


def test_ordinals_ages_and_bond_terms_do_not_date_an_event(analyse):
    text = ("The European Union adopted its 13th package of sanctions against Russia. "
            "Germany, aged 57, imposed sanctions on the bank due April 15, 1992.")
    dates = {e["event_date"] for e in analyse(text, date="2024-02-23")[2]["events"]}
    assert dates == {"2024-02-23"}


def test_an_armed_group_unknown_to_the_dictionaries_acts_in_a_political_sentence(analyse):
    events = analyse("The ZLF said it will release a former Colombian congressman.")[2]["events"]
    assert [(e["event_type"], e["source_actor"]) for e in events] == [("AGREE", "ZLF")]


def test_a_possibility_is_no_fact(analyse):
    events = analyse("Argentina could suspend payments on its foreign debt if the banks reject its request.")[2]["events"]
    assert [(e["event_type"], e["mode"]) for e in events] == [("THREATEN", "conditional")]


def test_modes_keep_intention_and_condition(analyse):
    events = analyse("Iran will meet the inspectors. Russia would strike if the talks fail.")[2]["events"]
    assert {e["mode"] for e in events} == {"future", "conditional"}


def test_a_results_table_labels_both_figures_of_a_row(analyse):
    text = "Shr loss 72 cts vs loss 1.48 dlrs\nRevs 16.4 mln vs 19.6 mln\nAvg shrs 12.1 mln vs 13.1 mln\nNOTE: restated."
    metrics = {m["value"]: m for m in analyse(text)[2]["metrics"]}
    assert metrics[1.48]["concept"].startswith("Shr loss") and metrics[19.6e6]["concept"].startswith("Revs")
    assert metrics[13.1e6]["normalized_unit"] != "note"  # the next line's label counts nothing


def test_fractions_coordination_and_people_counted(analyse):
    metrics = analyse("Nearly two thirds of the sales came from CDs. Exports rose to 27,510 and 57,450 tonnes. "
                      "One Republican strategist said output was 5.2 mln tonnes, up from 4.8 mln.")[2]["metrics"]
    got = {round(m["value"], 3): m["normalized_unit"] for m in metrics}
    assert got[0.667] == "% sale"
    assert got[27510.0] == got[57450.0] == "tonne"
    assert got[4.8e6] == "tonne" and 1.0 not in got


def test_reuters_tables_fractions_and_possessive_names(analyse):
    """Units and concepts stay on their line, "37-1/2 cts" is 37.5 cents, a currency after a number is that
    number's, and a company named with a possessive keeps it ("Moody's said")."""
    metrics = analyse("Shr profit one cent vs loss 37 cts\n\nYear\n\nNet 129,000 vs loss 1,715,000\n"
                      "The board left the dividend at 37-1/2 cts. It sold a 100 mln Swiss franc 4-3/4 pct bond.")[2]["metrics"]
    by_value = {round(m["value"], 2): m for m in metrics}
    assert all("\n" not in (m["unit"] + (m["concept"] or "")) for m in metrics)
    assert by_value[37.5]["normalized_unit"] == "cent" and by_value[4.75]["normalized_unit"] == "percentage"
    assert "mln" not in (by_value[4.75]["concept"] or "")
    quotes = analyse("Moody's said it downgraded the bonds. A Contraves official said <Contraves AG> rejects "
                     "the charges.")[2]["quotes"]
    assert [q["speaker_name"] for q in quotes] == ["Moody's", "Contraves AG"]
    bank = analyse("Japan's Export-Import Bank said it will extend a loan to Indonesia.")[2]["quotes"]
    assert [q["speaker_name"] for q in bank] == ["Export-Import Bank"]  # the bank, not Japan
    refused = analyse("Officials met on Monday. They declined to comment on other decisions taken.")[2]["quotes"]
    assert refused == []


def test_someone_acting_on_a_government_is_an_event(analyse):
    events = analyse("A Saudi businessman is suing the United States for damages to his plant.")[2]["events"]
    assert [(e["event_type"], e["source_actor"], e["target_country"]) for e in events] == [
        ("DISAPPROVE", "Saudi businessman", "USA")]


@pytest.mark.parametrize("text, kind", [
    ("The United States lifted sanctions on Libya on Monday.", "RETREAT"),
    ("Iran executed two prisoners accused of spying for Iraq.", "COERCE"),
    ("India and Pakistan traded accusations over the border clash.", "DISAPPROVE"),
    ("The Sri Lankan army has been holding thousands of Tamil refugees as human shields.", "COERCE"),
    ("A group of protesters attacked the police station in Lagos.", "ASSAULT"),
    ("Poland's talks in Washington with the World Bank on the country's foreign debt were concrete.", "CONSULT"),
    ("Protesters in the eastern town of Gjilan burned the Macedonian flag.", "PROTEST"),
])
def test_verbs_that_need_what_they_are_done_to(analyse, text, kind):
    assert [e["event_type"] for e in analyse(text)[2]["events"]] == [kind]


def test_the_agent_of_a_phrase_acts_and_a_call_for_is_a_demand(analyse):
    events = analyse("The missiles fired by the Israeli military struck an arms depot of the Syrian army. "
                     "The opposition called for the resignation of the Kenyan government.")[2]["events"]
    assert [(e["event_type"], e["source_country"]) for e in events] == [("ASSAULT", "ISR"), ("DEMAND", None)]


def test_a_warning_of_what_an_actor_will_do_is_a_threat(analyse):
    events = analyse("Iran has threatened to close all borders with Iraqi Kurdistan should the region proceed. "
                     "Zimbabwe's President Robert Mugabe warned the British envoy that his government would "
                     "expel him.")[2]["events"]
    assert [e["event_type"] for e in events] == ["THREATEN", "THREATEN"]


def test_a_subject_that_denies_the_event_negates_it(analyse):
    events = analyse("None of the OPEC members has asked Saudi Arabia for such a meeting.")[2]["events"]
    assert [(e["negated"], e["mode"]) for e in events] == [(True, "negated")]


def test_an_event_in_a_clause_of_if_is_conditional(analyse):
    events = analyse("Argentina will suspend payments if Brazil sanctions its exports, the minister said.")[2]["events"]
    assert [(e["trigger"], e["mode"]) for e in events] == [("suspend", "conditional")]
    events = analyse("If Iran attacks the tanker, the talks will end.")[2]["events"]
    assert [(e["event_type"], e["mode"]) for e in events] == [("ASSAULT", "conditional")]  # the condition, not a fact


@pytest.mark.parametrize("text, coded", [
    # a condition of "if" on a cooperative act offers it; one of "unless" on any act is a threat
    ("The rebels said they would meet the envoy if he dropped his demands.", [("AGREE", "conditional")]),
    ("Ghana will pull its troops out of Togo unless the talks resume this month.", [("THREATEN", "conditional")]),
    ("Ghana will attack the camps if the talks fail.", [("THREATEN", "conditional")]),
])
def test_a_condition_of_if_offers_and_one_of_unless_threatens(analyse, text, coded):
    assert [(e["event_type"], e["mode"]) for e in analyse(text)[2]["events"]] == coded


@pytest.mark.parametrize("text, coded", [
    # a preposition of time is no particle: the call on Saturday telephoned, its purpose is the event
    ("Prime Minister Benjamin Netanyahu called Australian Prime Minister Scott Morrison on Wednesday to "
     "congratulate him.", [("SUPPORT", "congratulate")]),
    ("Iran called on Monday on the United Nations to act.", [("DEMAND", "called")]),
    # a call for punishing someone is hostility to them
    ("Some European countries have called for sanctions against Moscow over the case.", [("DISAPPROVE", "called")]),
    ("Britain urged sanctions against Syria.", [("DISAPPROVE", "urged")]),
    ("Britain called for talks with Syria.", [("DEMAND", "called")]),
    # withdrawing those who keep or watch the peace reduces relations; withdrawing troops retreats
    ("The UN withdrew peacekeepers from the Golan Heights.", [("SANCTION", "withdrew")]),
    ("The United States withdrew its troops from Panama.", [("RETREAT", "withdrew")]),
    # what those sent are to do is the event, unless it is help or service
    ("France has sent seven military experts to Saudi Arabia to investigate the attacks.", [("INVESTIGATE", "investigate")]),
    ("The US military sent 200 troops to Syria to serve as a peacekeeping force.", [("AID", "sent")]),
    # what is given, accepted, pledged, cut or let in decides
    ("Last week the Philippine government gave Canada a May 15 deadline to remove the waste.", [("THREATEN", "gave")]),
    ("President Donald Trump on Wednesday granted a full pardon to Conrad Black.", [("CONCEDE", "granted")]),
    ("Nepal's government accepts the key demands by protesters in southern Nepal.", [("CONCEDE", "accepts")]),
    ("The United States accepted 1,141 Iraqi refugees in May.", [("AID", "accepted")]),
    ("The Southeast Asian nations pledged full support for Seoul's efforts.", [("SUPPORT", "pledged")]),
    ("The United States reduced military aid to Argentina by 17 million dlrs.", [("SANCTION", "reduced")]),
    ("Sudan's government allowed humanitarian relief to war-torn parts of the country.", [("RETREAT", "allowed")]),
    ("The government lifted the ban on rallies.", [("CONCEDE", "lifted")]),
    ("Twenty rebels surrendered to the police on Monday.", [("RETREAT", "surrendered")]),
    ("The announcement came one day after Reagan withdrew the nomination of Robert Gates.", []),  # no retreat
    # a strike called off yields; strikes from the air, or carried out against someone, attack
    ("Indian coal workers called off the strike after the agreement with the Indian government.", [("CONCEDE", "called")]),
    ("Israel's air force carried out strikes against Hamas targets in the Gaza Strip.", [("ASSAULT", "carried")]),
    ("Syrian air strikes hit the rebel-held enclave of Eastern Ghouta.", [("ASSAULT", "strikes")]),
    ("The police carried out a search of the offices.", []),  # CAMEO's bare "carry" codes nothing
    # suing, charging and finding guilty disapprove (CAMEO 115, 116); a hyphened word is one word
    ("A Saudi dissident has filed a lawsuit against an Israeli surveillance company.", [("DISAPPROVE", "filed")]),
    ("A court in Lyon found the archbishop guilty of failing to report allegations.", [("DISAPPROVE", "found")]),
    ("A court in Bavaria has convicted three Afghan men over the assault.", [("DISAPPROVE", "convicted")]),
    ("Afghan President Ashraf Ghani on Thursday announced a weeklong cease-fire with the Taliban.", [("RETREAT", "fire")]),
    # a role of a political body is political, a role of a company is not
    ("The chairman of the African Union Commission Moussa Faki Mahamat has condemned the attacks.",
     [("DISAPPROVE", "condemned")]),
    ("The Heads of State condemned the act of aggression.", [("DISAPPROVE", "condemned")]),
    # an event noun its verb only speaks of, receives or wants; a bill offered is law-making at home
    ("The senators cited a 350 mln dlr World Bank loan made to Argentina last year.", []),
    ("China will receive loans totalling 390 mln dlrs from Japan and the World Bank.", []),
    ("Sen. Charles Grassley told Reuters he would offer a bill to expand the reserve.", []),
    # people outside the state acting among themselves report no event; a strike or an act on the state does
    ("Cattlemen often give their animals a constant supply of antibiotics in feed.", []),
    ("The union asked the mining companies to begin new contract talks in April.", []),
    ("The union asked the government to raise wages.", [("DEMAND", "asked")]),
    ("Pan Am Corp also said it has asked its labor unions to help lower costs.", []),  # workers are not the state
    ("Kazakh oil workers will not end the strike before a new pay system is reviewed.", [("REJECT", "end")]),
    # a city that names a thing does not own it; a river, a law or a product does nothing
    ("It said a daily non-stop Newark-Las Vegas flight will carry passengers from such cities as Boston.", []),
    ("- Sept/Nov Lower Mississippi River 137-1/2 pct bid/145 offered, with Sept/Dec 125 pct bid.", []),
    ("A Moscow court convicted the men.", [("DISAPPROVE", "convicted")]),
    ("The chairman of Goodyear Tire and Rubber Co, a concern that survived a takeover bid, charged that "
     "raiders are undermining the nation's industrial base.", []),
    # a court granting what is asked yields; a resignation accepted is a change of staff; backing away yields
    ("Judge Marshall Selikoff granted the company's motion and discharged the jury.", [("CONCEDE", "granted")]),
    ("President Reagan formally accepted the resignation of White House counsel Peter Wallison.", []),
    ("Washington backed away from its demand for a new round of talks with Tokyo.", [("CONCEDE", "backed")]),
    # what one is unlikely or unwilling to do is denied
    ("The U.S. is unlikely to back away from its demand that quotas be set by objective criteria.",
     [("REJECT", "back")]),
    # a question reports nothing; one person agreeing to nothing written shares an opinion
    ('"Is the president going to ask him to resign?" said Stephen Axilrod.', []),
    ("The other Republican member of the board, Marvin Duncan, agreed.", []),
    ("Iran and Iraq agreed.", [("AGREE", "agreed")]),
    # unions named or with a nationality are workers, a committee of a company's board is the company's
    ("The United Auto Workers and American Motors Corp agreed to resume talks on a new labor contract.", []),
    ("Dutch port and transport union, FNV, agreed to an employers' request to reconvene peace talks.", []),
    ("The United Auto Workers asked the government to raise tariffs on imported cars.", [("DEMAND", "asked")]),
    ("The company said the special committee of its board plans to meet later today to consider this offer.", []),
    ("Palestinians of the Israeli-occupied West Bank shunned work on Monday to protest at settlement of "
     "immigrants on Arab land.", [("PROTEST", "shunned")]),
    ("Venezuela agreed last Friday with its bank advisory committee to lower the interest margin.",
     [("AGREE", "agreed")]),
    # a person whose role is a doctor's is no political actor; a colonel who speaks for a coalition is
    ("Chicago physician LeRoy Pesch said he has had discussions with several shareholders of the company.", []),
    ("Saudi coalition spokesperson Colonel Turki al-Malki said that they support the UN call for a ceasefire.",
     [("SUPPORT", "support")]),
    # a report released is words made public; earnings that decline by a figure fall; a source out of reach
    ("Committee Republicans released a separate, more optimistic report predicting continued stable growth.", []),
    ("Iran released two British prisoners.", [("RETREAT", "released")]),
    ("Ford Canada said earnings from its Canadian operations declined 75.4 mln dlrs to 104.0.", []),
    ("A union spokesman was not immediately available to discuss the content of the press conference.", []),
    # a group is what names it; a loan issued is debt sold on the market
    ("The Redstone group and the management group have both agreed not to buy more shares of the company.", []),
    ("The rebel group attacked a police station.", [("ASSAULT", "attacked")]),
    ("Belgium is to issue a 150 billion franc, eight-year state loan carrying a coupon of eight pct.", []),
    ("Japan gave Kenya a loan of 50 mln dlrs.", [("AID", "loan")]),
    ("In the last three months Indonesia has taken out new loans totalling 1.55 billion dlrs.", []),
    # what is carried out, shot down, restored or withdrawn decides
    ("Iraq carried out a search of the ships.", []),
    ("A Serbian army jet shot down a helicopter carrying EC truce monitors.", [("ASSAULT", "shot")]),
    ("Regan leaked a story, quickly shot down by others in the administration.", []),
    ('Asked if he thought Gates would be confirmed, the Georgia Democrat shot back: "I would not bet on it."', []),
    ("The Saudis hope to restore confidence and prices.", []),
    ("Israel and Egypt restored diplomatic relations.", [("SUPPORT", "restored")]),
    ("S and P withdrew the BB-plus ratings on the unit's debentures.", []),
    # union members are workers; a spokesman named for a company is the company's; a price charged is the market's
    ("The agreement had been rejected by union members at the other plants.", []),
    ("American Motors Corp said it would close a plant. An American Motors spokesman said no time has yet been "
     "set to resume the talks.", []),
    ("Oil traders said Exxon Corp's Exxon U.S.A. unit reduced the price it charges contract barge customers.", []),
    ("The U.S. lifted the sanctions it imposed on Poland.", [("RETREAT", "lifted")]),
    # a deal struck agrees; an auction that yields a figure gives a return
    ("Israel and Hamas struck a deal on prisoners.", [("AGREE", "struck")]),
    ("This week's Ontario government auction of treasury bills yielded an average of 7.28 pct.", []),
    ("The rebels yielded two towns to the army.", [("CONCEDE", "yielded")]),
    # what few do or no one does is denied; a failure to agree is no agreement
    ("No country agreed to the plan.", [("REJECT", "agreed")]),
    ("But few politicians were prepared to criticise a sharp rise in defence expenditure.",
     [("DISAPPROVE", "criticise")]),
    ("A few countries condemned the attack.", [("DISAPPROVE", "condemned")]),
    ("The failure last night of producing and consuming countries to agree export quotas brought a sharp fall.", []),
    # a named treaty is no agreement made; a chance seized is no seizure
    ("Kaya Erdem said Greek activities contravened the 1976 Berne Agreement.", []),
    ("To seize this new opportunity I have instructed our negotiators to present our draft treaty, Reagan said.", []),
    ("Iraqi troops seized the town.", [("COERCE", "seized")]),
    # a body charged with a task, a forum provided, reserves supplied to a market report no event
    ("Congress charged the commission with examining the federal price support program for milk.", []),
    ("A Russian court has charged William Browder with creating an international criminal syndicate.",
     [("DISAPPROVE", "charged")]),
    ("The U.S. has proposed a body to improve statistics of the copper economy and provide a forum for discussion.",
     []),
    ("They expect the Federal Reserve to supply the reserves indirectly by arranging repurchase agreements.", []),
    ("Japan provided aid to Kenya.", [("AID", "aid")]),
    # blocking a plan rejects it, blocking roads protests; certificates that give a yield make a return
    ("The U.S. wants to block producer plans.", [("REJECT", "block")]),
    ("Farmers blocked roads in Brittany.", [("PROTEST", "blocked")]),
    ("The Swiss government's new series of certificates raised 177.5 mln francs to give an average annual yield "
     "of 3.286 pct.", []),
])
def test_particles_objects_and_purposes_decide_the_event(analyse, text, coded):
    assert [(e["event_type"], e["trigger"]) for e in analyse(text)[2]["events"]] == coded


def test_one_talking_of_a_thing_consults_no_one(analyse):
    assert analyse("Italy's revival has led some observers to talk of miracles.")[2]["events"] == []
    events = analyse("Iran and Iraq talked about the border on Monday.")[2]["events"]
    assert [e["event_type"] for e in events] == ["CONSULT"]


def test_a_surname_with_an_office_the_full_name_never_carries_is_another_person(analyse):
    text = "Nancy Reagan will attend the gala. President Reagan will visit Rome in June, the White House said."
    assert [e["source_actor"] for e in analyse(text)[2]["events"]] == ["Reagan"]
    text = "Secretary of State George Shultz arrived. Secretary Shultz will meet Gorbachev on Monday."
    assert [e["source_actor"] for e in analyse(text)[2]["events"]] == ["George Shultz"]
    quote = analyse("John Smith arrived on Monday. Mr Smith said the talks went well.")[2]["quotes"][0]
    assert quote["speaker_name"] == "John Smith"  # a title of courtesy is anyone's


def test_a_readiness_denied_on_its_copula_negates_the_act(analyse):
    events = analyse("Iran was not prepared to negotiate with Iraq.")[2]["events"]
    assert [(e["event_type"], e["negated"]) for e in events] == [("REJECT", True)]


def test_a_takeover_attempt_fought_off_is_no_assault(analyse):
    assert analyse("Last year, Mercer fought off a takeover attempt by British industrialist Sir James "
                   "Goldsmith.")[2]["events"] == []


def test_units_carried_across_comparisons_and_lists(analyse):
    metrics = analyse("Reserves averaged 1.03 billion dlrs a day in the latest period, down from 1.50 billion in "
                      "the previous one. They bought 47,000 tonnes of barley, 78,600 of wheat and 25,000 of rapeseed. "
                      "The rate will equal 11-1/2 pct minus the product of three times (LIBOR minus 6-1/2 pct). "
                      "It fell to minus 5 degrees.")[2]["metrics"]
    units = {round(m["value"], 2): m["normalized_unit"] for m in metrics}
    assert units[1.5e9].startswith("dollar") and units[78600.0] == units[25000.0] == "tonne"
    assert 6.5 in units and -6.5 not in units and -5.0 in units
    level = analyse("Net interest income rose by 16.1 mln marks to 381.6 mln. The rate was in a range of 230 to "
                    "234 late last year.")[2]["metrics"]
    assert {round(m["value"], 1): m["normalized_unit"] for m in level} == {16100000.0: "mark", 381600000.0: "mark",
                                                                           230.0: "-"}


def test_a_blank_line_ends_the_sentence(analyse):
    """The parser ran "… the Larsen Co.\n\nDean also said …" into one sentence and the quote took "Dean"."""
    doc, _, rows = analyse("President Howard Dean said the company will derive benefits of acquisitions from Ryan Milk "
                           "to the Larsen Co.\n\nDean also said the company will benefit from its acquisition.")
    assert [s.text.strip()[:4] for s in doc.sents] == ["Pres", "Dean"]
    assert {q["quote_text"] for q in rows["quotes"]} == {
        "the company will derive benefits of acquisitions from Ryan Milk to the Larsen Co.",
        "the company will benefit from its acquisition."}


@pytest.mark.parametrize("text, said", [
    # a phrase the clause opens with, or its subject, that the parse hung on the cue, is part of what was said
    ("They said with real growth at an estimated 1.9 pct in calendar 1986, the government was likely to hold "
     "its course.", "with real growth at an estimated 1.9 pct in calendar 1986, the government was likely to hold "
                    "its course."),
    ("The company told the task force the new distribution company, under the limited partnership alternative "
     "or otherwise, would continue to be fully regulated by state regulators.",
     "the new distribution company, under the limited partnership alternative or otherwise, would continue to "
     "be fully regulated by state regulators."),
    ("But they warned several years may pass before the new systems contribute to its bottom line.",
     "several years may pass before the new systems contribute to its bottom line."),
    # when and where it was said is not (nor the comma before the clause)
    ("He said on Tuesday, the government would fall within weeks.", "the government would fall within weeks."),
    ("He said in an interview, the government would fall within weeks.", "the government would fall within weeks."),
])
def test_what_the_parse_hung_on_the_cue(analyse, text, said):
    assert [q["quote_text"] for q in analyse(text)[2]["quotes"]] == [said]


def test_a_source_asking_for_anonymity_is_not_quoted(analyse):
    quotes = analyse("An official from a leading conservation group, who asked not to be identified, said the "
                     "panel's move was an unfortunate first action.")[2]["quotes"]
    assert [q["quote_text"] for q in quotes] == ["the panel's move was an unfortunate first action."]


def test_a_name_ending_as_a_company_does_is_no_person(analyse):
    """The model read "B.F. Goodrich Co" and "Goodrich" as people; "it" then meant the last place named."""
    _, ents, rows = analyse("B.F. Goodrich Co said it will phase out the production of aircraft tires in Akron, "
                            "Ohio. Goodrich said it is prepared to discuss severance benefits with officials of "
                            "the United Rubber Workers Union.")
    assert {m.entity.name: m.entity.type for m in ents.mentions if "Goodrich" in m.text} == {"B.F. Goodrich Co": "ORG"}
    assert rows["events"] == []


def test_a_subject_hung_on_the_phrase_before_the_cue_speaks(analyse):
    quotes = analyse("In a filing with the Securities and Exchange Commission, Fidelity International Ltd, a "
                     "Bermuda-based firm, said its funds bought 68,000 common shares.")[2]["quotes"]
    assert [(q["speaker"], q["speaker_name"]) for q in quotes] == [("Fidelity International Ltd",
                                                                     "Fidelity International Ltd")]


def test_a_thing_listed_on_an_exchange_says_nothing(analyse):
    assert analyse("Hongkong Electric will spin off its other activities into Cavendish, which will be listed on "
                   "the local stock exchange.")[2]["quotes"] == []


@pytest.mark.parametrize("text, mode", [
    ("The United States would not replenish funds for the bank until it agrees to stop making such loans.", "conditional"),
    ("But few politicians were prepared to criticise a sharp rise in defence expenditure.", "negated"),
    ("A few countries condemned the attack.", "asserted"),
])
def test_conditions_and_denials_are_kept_as_modes(analyse, text, mode):
    assert [e["mode"] for e in analyse(text)[2]["events"]] == [mode]


def test_the_body_of_a_title_is_not_who_speaks(analyse):
    quotes = analyse("Secretary of State for the Economy Guillermo de la Dehesa told Reuters the reduction in fixed "
                     "asset investments would offset losses.")[2]["quotes"]
    assert [(q["speaker_name"], q["speaker_resolution"]) for q in quotes] == [(None, "unresolved")]
    bank = analyse("Japan's Export-Import Bank said it would lend 300 mln dlrs to Brazil.")[2]["quotes"]
    assert [q["speaker_name"] for q in bank] == ["Export-Import Bank"]


def test_where_words_were_said_is_not_what_was_said(analyse):
    quotes = analyse('Appearing on the NBC News program, "Meet the Press," the Kansas senator said the Gates '
                     'nomination "could be in some difficulty."')[2]["quotes"]
    assert [q["cue"] for q in quotes] == ["said"]
    assert [q["quote_text"] for q in analyse("The minister commented on the proposals to cut taxes.")[2]["quotes"]] \
        == ["the proposals to cut taxes."]
