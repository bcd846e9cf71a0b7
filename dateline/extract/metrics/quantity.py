"""The state one number gathers as the metric passes read it."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token


@dataclass
class Quantity:
    """A number being read, with what the passes find around it (token indexes into the doc)."""

    doc: Doc
    toks: list[Token]
    tok: Token  # the number's first token
    i: int
    j: int  # the token after the number and its magnitudes
    text: str  # the number as the parser of numbers reads it
    value: float = 0.0
    value_max: float | None = None
    fraction_tok: Token | None = None  # "two-thirds": the "thirds"
    glued_currency: str | None = None
    glued_unit: str | None = None
    glued_change: str | None = None
    currency: tuple[str, str, int] | None = None  # (surface, name, first token)
    unit: tuple[str, str, int] | None = None  # (surface, name, tokens used)
    surface: str = ""
    name: str = ""
    first: int = 0  # the first token (a currency before the number)
    last: int = 0  # the token after the unit
    counted: bool = False  # the unit is the noun counted ("13,000 workers")
