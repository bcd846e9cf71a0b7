"""The extractors as a spaCy pipeline component, `dateline_extract`, the last in the pipeline.

It runs in whichever process runs the model (a model process with `--workers N`): for a doc that
carries its article's metadata in `doc.user_data["dateline_article"]` it finds the article's rows and
leaves them in `doc.user_data["dateline_rows"]`, then drops what the extractors cached on the doc.

    nlp.add_pipe("dateline_extract", last=True)                                 # the packaged rules
    nlp.add_pipe("dateline_extract", config={"rules_folder": "my_vocab/"})      # word lists of your own
"""
from __future__ import annotations

from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract import doccache
from dateline.extract.rows import article_rows
from dateline.extract.rules import Rules, load_rules
from dateline.records import Article

ARTICLE_KEY = "dateline_article"
ROWS_KEY = "dateline_rows"


@Language.factory("dateline_extract", default_config={"rules_folder": None})
def make_dateline_extract(nlp: Language, name: str, rules_folder: str | None) -> "DatelineExtract":
    return DatelineExtract(name, load_rules(rules_folder))


class DatelineExtract:
    """Finds the rows of an article's doc with the rules it was given."""

    def __init__(self, name: str, rules: Rules):
        self.name = name
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        meta = doc.user_data.get(ARTICLE_KEY)
        rows = self.find(doc, meta) if meta is not None else None
        self.set_annotations(doc, rows)
        return doc

    def find(self, doc: Doc, meta: dict) -> dict[str, list[dict]]:
        article = Article(meta["article_id"], "", doccache.text(doc), "", published_date=meta.get("published_date"),
                          dateline_city=meta.get("dateline_city"))
        return article_rows(doc, article, self.rules)

    def set_annotations(self, doc: Doc, rows: dict[str, list[dict]] | None) -> None:
        doccache.clear(doc)
        if rows is not None:
            doc.user_data[ROWS_KEY] = rows
            doc.tensor = numpy.zeros((0,), dtype="float32")  # the rows are out: the tensor's memory can go at once

    def to_disk(self, path: Path | str, *, exclude: tuple = ()) -> None:
        """Save the vocabulary files the rules were read from, so a saved pipeline keeps its own rules."""
        self.rules.save(Path(path))

    def from_disk(self, path: Path | str, *, exclude: tuple = ()) -> "DatelineExtract":
        self.rules = load_rules(str(path))
        return self
