"""Marks: where the direct quotations are, from a scan of the text's quotation marks.

The scan survives odd punctuation: a quote left open at a paragraph's end is closed there (or before
the `, he said` that a writer forgot to close it at), and one that the next paragraph reopens runs
on (the convention for a quote over several paragraphs). A chain of paragraphs that never closes (a
transcript that opens every paragraph with a mark) is no quote at all.
"""
from __future__ import annotations

import re

from dateline.extract.quotes.rules import QuoteRules

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
OPENS_AFTER = "([{—–-:"  # a straight mark after one of these (or a space) opens a quotation


class _Scan:
    """The state of the scan: the quotation open now, if any, and the spans found."""

    def __init__(self, text: str, rules: QuoteRules):
        self.text, self.rules = text, rules
        self.spans: list[tuple[int, int]] = []
        self.open_at: int | None = None
        self.open_mark = ""
        self.paragraphs = self.depth = 0

    def paragraph_end(self, i: int) -> int:
        """At a line break inside a quotation: run on if the next paragraph reopens it, else close it."""
        text, j = self.text, i
        while j < len(text) and text[j].isspace():
            j += 1
        mark = self.open_mark
        if j < len(text) and (text[j] == mark or (mark in OPEN_MARKS and text[j] in OPEN_MARKS)):
            self.paragraphs += 1
            return j + 1
        if self.paragraphs == 0:
            self.spans.append((self.open_at, repair_end(text, self.open_at, i, self.rules)))
        self.open_at = None
        return i + 1

    def opening(self, i: int, ch: str) -> None:
        if self.open_at is None:
            self.open_at, self.open_mark, self.paragraphs, self.depth = i, ch, 0, 0
        elif self.open_mark != '"':
            self.depth += 1  # a quotation inside a quotation, written with the same marks

    def closing(self, i: int) -> None:
        if self.open_at is None or self.open_mark == '"':
            return
        if self.depth:
            self.depth -= 1
        else:
            self.spans.append((self.open_at, i + 1))
            self.open_at = None

    def straight(self, i: int) -> None:
        """A straight mark closes the quotation it opened, or opens one before a word."""
        text = self.text
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if self.open_at is not None and self.open_mark == '"' and i > self.open_at + 1:
            self.spans.append((self.open_at, i + 1))
            self.open_at = None
        elif self.open_at is None and not after.isspace() and (before.isspace() or before in OPENS_AFTER or i == 0):
            self.open_at, self.open_mark, self.paragraphs = i, '"', 0


def quote_spans(text: str, rules: QuoteRules) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included, end exclusive; never raises."""
    scan = _Scan(text, rules)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and scan.open_at is not None:
            i = scan.paragraph_end(i)
            continue
        if ch in OPEN_MARKS:
            scan.opening(i, ch)
        elif ch in CLOSE_MARKS:
            scan.closing(i)
        elif ch == '"':
            scan.straight(i)
        i += 1
    if scan.open_at is not None and scan.paragraphs == 0:
        scan.spans.append((scan.open_at, repair_end(text, scan.open_at, n, rules)))
    return [(s, e) for s, e in scan.spans if e > s + 1 and text[s:e].strip()]


def repair_end(text: str, start: int, end: int, rules: QuoteRules) -> int:
    """Where an unclosed quote really ends: before a `, he said` inside it, else at the paragraph end."""
    m = rules.attribution_inside.search(text, start, end)
    if m:
        return m.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def is_title(quoted: str, rules: QuoteRules) -> bool:
    """`“Fox News Sunday”`, `“The Apprentice”`: a name in quotation marks, every word capitalised."""
    words = re.findall(r"[A-Za-z][\w’'-]*", quoted)
    return bool(words) and all(w[0].isupper() or w.lower() in rules.title_small_words for w in words) and len(words) > 1


def word_count(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))


def is_own_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the quotation is its paragraph's only text."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()
