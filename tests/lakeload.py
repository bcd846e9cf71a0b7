"""A run's load without the NLP: the rows of a few articles published into a warehouse, for the storage
tests (also run in a child process that is killed half-way)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from dateline import warehouse


def load(db: Path, article_ids: list[str], run_id: str) -> dict[str, int]:
    articles = pd.DataFrame([{"article_id": a, "body": f"Body {a} {run_id}", "content_hash": run_id, "word_count": 2,
                              "run_id": run_id} for a in article_ids])
    quotes = pd.DataFrame([{"quote_id": f"q{a}{run_id}", "article_id": a, "quote_text": "Body", "quote_start": 0,
                            "quote_end": 4, "kind": "direct"} for a in article_ids])
    entities = pd.DataFrame([{"entity_id": "e1", "name": "France", "type": "GPE", "country_code": "FRA"}])
    runs = pd.DataFrame([{"run_id": run_id, "status": "completed"}])
    tables = {"articles": articles, "quotes": quotes, "entities": entities, "runs": runs}
    return warehouse.publish(db, warehouse.LoadBatch(tables, set(article_ids)))


if __name__ == "__main__":  # python -m tests.lakeload DB RUN_ID ID,ID,…
    load(Path(sys.argv[1]), sys.argv[3].split(","), sys.argv[2])
