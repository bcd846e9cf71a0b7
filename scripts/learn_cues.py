#!/usr/bin/env python3
"""Learn which words introduce attributions, from PolNeAR's training articles (../shared/gold).

For every verb and noun lemma it counts how often the word is part of an annotated cue, and how
often it occurs at all; what is kept is those counts for lemmas seen as cues at least eight times
(dateline/vocab/attribution_cues.tsv). No text of the corpus is kept.

    python scripts/learn_cues.py --gold ../shared/gold/polnear-train.jsonl
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "dateline" / "vocab" / "attribution_cues.tsv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(Path(__file__).resolve().parents[2] / "shared" / "gold" / "polnear-train.jsonl"))
    ap.add_argument("--min-count", type=int, default=8)
    args = ap.parse_args()
    from dateline.nlp import load_model

    nlp = load_model()
    records = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    as_cue, total = Counter(), Counter()
    for record, doc in zip(records, nlp.pipe((r["body"] for r in records), batch_size=32)):
        cue_chars = {i for a in record["attributions"] for s, e, _ in a["cue"] for i in range(s, e)}
        for tok in doc:
            if tok.pos_ in ("VERB", "NOUN"):
                key = (tok.lemma_.lower(), tok.pos_)
                total[key] += 1
                as_cue[key] += tok.idx in cue_chars
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# lemma\tpos\tas_cue\tseen  (counts learned from PolNeAR's training split by scripts/learn_cues.py)\n")
        for (lemma, pos), n in sorted(as_cue.items(), key=lambda kv: -kv[1]):
            if n >= args.min_count:
                fh.write(f"{lemma}\t{pos}\t{n}\t{total[(lemma, pos)]}\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
