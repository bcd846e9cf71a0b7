"""`dateline_paragraphs`, before the parser: a blank line ends a sentence.

The small model's parser runs sentences across paragraph breaks ("… acquisitions from Ryan Milk to the
Larsen Co.\\n\\nDean also said the company will benefit …" is one sentence to it), so a quote, an event or
a metric takes words from the next paragraph. The parser keeps the sentence starts set before it.

    nlp.add_pipe("dateline_paragraphs", before="parser")
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dateline_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if (before.is_space or "\n" in before.whitespace_) and not tok.is_space \
                and (before.text + before.whitespace_).count("\n") >= 2:
            tok.is_sent_start = True
    return doc
