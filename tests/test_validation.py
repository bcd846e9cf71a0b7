"""Rows that fail an expectation go to `quarantine`, the rest load."""
from __future__ import annotations

import pandas as pd

from dateline import warehouse
from dateline.readonly import run_read_only
from dateline.validate import validate_tables


def quote(n: int, kind: str) -> dict:
    return {"quote_id": f"q{n}", "article_id": "a", "quote_text": f'"Quote number {n}."', "quote_start": 10 * n,
            "quote_end": 10 * n + 8, "kind": kind, "cue": "said", "speaker": None, "speaker_start": None,
            "speaker_end": None, "speaker_name": None, "speaker_entity_id": None, "speaker_resolution": "named"}


def test_a_row_failing_an_expectation_is_quarantined_and_the_rest_load(tmp_path):
    quotes = pd.DataFrame([quote(1, "direct"), quote(2, "shouted"), quote(3, "indirect")])
    outcome = validate_tables({"quotes": quotes}, "run-1")
    assert list(outcome.passing["quotes"]["quote_id"]) == ["q1", "q3"]
    assert len(outcome.quarantine) == 1 and '"q2"' in outcome.quarantine[0]["row_json"]
    assert outcome.quarantine[0]["failed_expectations"] == "expect_column_values_to_be_in_set(kind)"
    failed = [r for r in outcome.results if not r["success"]]
    assert [(r["column"], r["unexpected_count"]) for r in failed] == [("kind", 1)]

    db = tmp_path / "w.duckdb"
    articles = pd.DataFrame([{"article_id": "a", "source": "t", "body": "x" * 40, "content_hash": "h" * 64,
                              "word_count": 1}])
    warehouse.publish(db, warehouse.LoadBatch({"articles": articles, "quotes": outcome.passing["quotes"],
                                               "quarantine": pd.DataFrame(outcome.quarantine),
                                               "validation_results": pd.DataFrame(outcome.results)}, {"a"}))
    assert list(run_read_only(db, "SELECT quote_id FROM quotes ORDER BY 1")["quote_id"]) == ["q1", "q3"]
    held = run_read_only(db, "SELECT table_name, row_json->>'quote_id' AS id, failed_expectations FROM quarantine")
    assert held.values.tolist() == [["quotes", "q2", "expect_column_values_to_be_in_set(kind)"]]


def test_a_quality_monitor_holds_no_row_back_and_its_breach_is_reported():
    """`mostly` expectations watch a share: here most events have no source, which the run reports,
    but every event still loads."""
    from dateline import schema
    from dateline.pipeline import breaches

    blank = {c: None for c in schema.table("events").names}
    events = pd.DataFrame([dict(blank, event_id=f"e{n}", article_id="a", event_type="PROTEST", quad_class="material conflict",
                                source_actor=None if n < 4 else "Police", sentence_start=0, sentence_end=10,
                                trigger="marched", mode="asserted", event_date=pd.Timestamp("2024-01-02"))
                           for n in range(6)])
    articles = pd.DataFrame([{"article_id": "a", "published_date": pd.Timestamp("2024-01-02"), "body": "x" * 20,
                              "content_hash": "h" * 64, "word_count": 1}])
    outcome = validate_tables({"events": events, "articles": articles}, "run-2")
    assert len(outcome.passing["events"]) == 6 and "days_from_article" not in outcome.passing["events"]
    assert not outcome.quarantine
    assert breaches(outcome.results) == ["events.source_actor: expect_column_values_to_not_be_null (4 of 6 rows)"]
