#!/usr/bin/env python3
"""Does extraction stay linear on text shaped to make it quadratic? Articles of one shape at two lengths.

    python bench/pathological.py               # each shape at 1/10 and all of the model's 200,000 characters
    python bench/pathological.py --chars 50000

Shapes: one sentence of thousands of coordinated words, a chain of "of" phrases, thousands of figures in
one sentence, cues nested in cues ("X said that Y said that …"), thousands of direct quotations. For each,
the extractors' time (entities, quotes, metrics, events) at the full length over that at a tenth of it
(linear work gives ~10; the square of the length ~100), and at the full length over the spaCy parse.
Prints one row per shape, then `worst_ratio=… worst_over_parse=…`.

Measured 2026-12-01 at 200,000 characters: ratios 11 to 83 (spaCy's `Token.subtree` and `.children`
walk a deep chain of heads in time of its depth), the extractors taking at most 1.3 times the parse
(about 10 s). Before, nested cues took over 10 minutes and a sentence of 5,000 words 25 s.
"""
from __future__ import annotations

import argparse
import time

SHAPES = {  # name → (opening, repeated unit, closing)
    "coordination": ("Officials said ", "and talks ", "ended."),
    "of-chain": ("The minister said ", "the head of ", "state met China."),
    "figures": ("Sales rose ", "5 pct, ", "officials said."),
    "nested cues": ("", "Officials said that ", "talks ended."),
    "direct quotes": ("", '"We will fight," he said. ', ""),
    "coordinated names": ("", "Russia and China and Iran met in Moscow. ", ""),
}


def extraction_seconds(nlp, rules, text: str) -> tuple[float, float]:
    """Seconds of the parse, then of the extractors."""
    from dateline.extract.rows import article_rows
    from dateline.parse import content_hash
    from dateline.records import Article

    started = time.perf_counter()
    doc = nlp(text)
    parsed = time.perf_counter()
    article_rows(doc, Article("bench", "bench", text, content_hash(text), published_date="2024-01-01"), rules)
    return parsed - started, time.perf_counter() - parsed


def shaped(shape: tuple[str, str, str], chars: int) -> str:
    opening, unit, closing = shape
    return opening + unit * max(1, (chars - len(opening) - len(closing)) // len(unit)) + closing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=None, help="the longer length (default: the model's cap)")
    args = parser.parse_args()
    from dateline.extract.rules import load_rules
    from dateline.nlp import MAX_CHARS, load_model

    nlp, rules = load_model(), load_rules()
    long = args.chars or MAX_CHARS
    worst, worst_over_parse = 0.0, 0.0
    print(f"{'shape':<20}{'chars':>9}{'short s':>9}{'long s':>9}{'ratio':>7}{'parse s':>9}{'/parse':>8}")
    for name, shape in SHAPES.items():
        _, short_s = extraction_seconds(nlp, rules, shaped(shape, long // 10))
        parse_s, long_s = extraction_seconds(nlp, rules, shaped(shape, long))
        ratio, over_parse = long_s / max(short_s, 1e-3), long_s / parse_s
        worst, worst_over_parse = max(worst, ratio), max(worst_over_parse, over_parse)
        print(f"{name:<20}{long:>9,}{short_s:>9.2f}{long_s:>9.2f}{ratio:>7.1f}{parse_s:>9.2f}{over_parse:>8.2f}", flush=True)
    print(f"worst_ratio={worst:.1f} worst_over_parse={worst_over_parse:.2f}")


if __name__ == "__main__":
    main()
