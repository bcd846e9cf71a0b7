"""The shared view of a parsed sentence that every extractor reads.

Noun phrases, subjects, the clause chain above a verb, the words just before a name (where its title
is written) and calendar words, each defined once here. The extractors trim a phrase to their own
conventions, but they all start from these.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from dateline.vocab import Vocab

# dependency sets, named for what they hold
CLAUSE_DEPS = frozenset({"relcl", "appos", "acl", "advcl"})  # clauses and appositions below a noun
SUBJECT_DEPS = ("nsubj", "nsubjpass")
FILE = "shared.toml"
TITLE_LINKS = 6  # links from a word of a title to the name it belongs to, at most


@dataclass(frozen=True, eq=False)
class SharedWords:
    """Words every extractor reads: titles written before names, and calendar words."""

    title_words: frozenset[str]
    person_pronouns: frozenset[str]  # "he" / "she": the last person named before
    weekdays: tuple[str, ...]  # Monday first
    calendar: frozenset[str]  # months, their short forms, weekdays

    @classmethod
    def from_vocab(cls, vocab: Vocab) -> "SharedWords":
        weekdays = vocab.word_list(FILE, "calendar.weekdays")
        calendar = (vocab.word_set(FILE, "calendar.months") | vocab.word_set(FILE, "calendar.month_abbreviations")
                    | frozenset(weekdays))
        return cls(vocab.word_set(FILE, "title_words"), vocab.word_set(FILE, "person_pronouns"), weekdays, calendar)


def clause_free_subtree(tok: Token) -> list[Token]:
    """A token's subtree without its relative clauses, clauses and appositions: the bare noun phrase
    ("Smith, who said …" → Smith; "the minister of state" stays whole). A walk down that does not enter
    a clause: linear in the subtree, also for a sentence of thousands of coordinated words."""
    kept, todo = [], [tok]
    while todo:
        t = todo.pop()
        kept.append(t)
        todo.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(kept, key=lambda t: t.i)


PHRASE_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "det", "prep", "cc", "conj"})


def head_with_modifiers(tok: Token) -> list[Token]:
    """The head word with the modifiers written before it, and compounds after it, in order:
    "the 46 per cent increase in bilateral trade" at `trade` → bilateral trade."""
    keep, todo = [], [tok]
    while todo:  # the subtree without the clauses, phrases and conjuncts under it, nor what they hold
        node = todo.pop()
        keep.append(node)
        todo.extend(c for c in node.children if c.dep_ not in PHRASE_DROP_DEPS and not (c.i > tok.i and c.dep_ == "pobj"))
    return sorted((t for t in keep if t.i <= tok.i or t.dep_ == "compound"), key=lambda t: t.i)


def clause_chain(verb: Token, through: frozenset[str] | None = None, limit: int | None = None) -> Iterator[Token]:
    """The verb, then the words it hangs from while its link is one of `through` (any link when None),
    at most `limit` words in all: where a subject shared by conjoined or embedded verbs is written."""
    node, n = verb, 0
    while limit is None or n < limit:
        yield node
        n += 1
        if node.head.i == node.i or (through is not None and node.dep_ not in through):
            return
        node = node.head


def subject_child(node: Token, deps: tuple[str, ...] = SUBJECT_DEPS,
                  accept: Callable[[Token], bool] | None = None) -> Token | None:
    """The first child of `node` linked by one of `deps` (that `accept` takes, when given)."""
    for child in node.children:
        if child.dep_ in deps and (accept is None or accept(child)):
            return child
    return None


def title_before(doc: Doc, start: int, end: int) -> Span:
    """The words of a name's own noun phrase written before it, tokens `start`–`end`: its title
    ("Pakistan's Foreign Minister" of "Pakistan's Foreign Minister Shah Mahmood Qureshi", "the former
    president" of "the former president Bill Clinton", which the parser may make an apposition);
    empty when the name stands alone."""
    anchors = set(range(start, end))
    root = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    if root is not None and root.dep_ == "appos" and root.head.i < start:
        anchors.add(root.head.i)
    first = start
    while first > 0 and _modifies(doc[first - 1], anchors, end):
        first -= 1
    return doc[first:start]


def _modifies(tok: Token, anchors: set[int], end: int) -> bool:
    """Whether `tok` is one of `anchors` or hangs on one, within a few links that stay before `end`."""
    if tok.is_space or "\n" in tok.whitespace_:
        return False
    head = tok
    for _ in range(TITLE_LINKS):
        if head.i in anchors:
            return True
        if head.head.i == head.i or head.head.i >= end:
            return False
        head = head.head
    return head.i in anchors


def words_before(doc: Doc, start_char: int, reach: int) -> Span | None:
    """The whole words in the `reach` characters before `start_char`."""
    return doc.char_span(max(0, start_char - reach), start_char, alignment_mode="contract")
