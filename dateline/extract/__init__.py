"""Extraction: from a parsed article to the rows of entities, mentions, quotes, metrics and events.

    component.py   the spaCy component `dateline_extract` that runs the extractors on each doc
    rows.py        an article's rows, one list per table
    rules.py       every extractor's rules, read from the vocabulary files
    syntax.py      the shared view of a parsed sentence (noun phrases, subjects, titles, calendar words)
    entities.py    names resolved inside the article
    quotes/        who said what; metrics/  numbers with unit, change and concept; events/  PLOVER events
    numbers.py     numbers in digits and words (pure strings)
    doccache.py    a doc's text, tokens and entities, read once

Importing this package imports nothing else: the extractors load spaCy, this file does not.
"""
