import duckdb
import pandas as pd
import pytest

from dateline import warehouse
from dateline.readonly import ReadOnlyViolation, run_read_only


def _load(db, article_ids, run_id="r1"):
    articles = pd.DataFrame([{"article_id": a, "body": f"Body {a}", "content_hash": "0" * 64, "word_count": 2,
                              "run_id": run_id} for a in article_ids])
    quotes = pd.DataFrame([{"quote_id": f"q{a}", "article_id": a, "quote_text": "Body", "quote_start": 0,
                            "quote_end": 4, "kind": "direct"} for a in article_ids])
    runs = pd.DataFrame([{"run_id": run_id, "status": "completed"}])
    return warehouse.publish(db, warehouse.LoadBatch({"articles": articles, "quotes": quotes, "runs": runs},
                                                     set(article_ids)))


def test_migrations_are_recorded_and_applied_once(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    files = [name for name, _ in warehouse.sql_files("migrations")]
    assert files[0] == "001_initial.sql" and files == sorted(files)
    assert warehouse.migrate(con) == files
    assert warehouse.migrate(con) == []
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(files)
    assert "stage_seconds" in {r[0] for r in con.execute("DESCRIBE runs").fetchall()}


def test_publish_replaces_rows_of_reloaded_articles(tmp_path):
    db = tmp_path / "w.duckdb"
    _load(db, ["a", "b"])
    _load(db, ["b"], run_id="r2")
    counts = run_read_only(db, "SELECT article_id, count(*) n FROM quotes GROUP BY 1 ORDER BY 1")
    assert counts.to_dict("records") == [{"article_id": "a", "n": 1}, {"article_id": "b", "n": 1}]
    assert not (tmp_path / "w.duckdb.staging").exists()


def test_a_failed_load_leaves_the_published_warehouse_intact(tmp_path):
    db = tmp_path / "w.duckdb"
    _load(db, ["a"])
    bad = pd.DataFrame([{"article_id": None, "body": None, "content_hash": None}])  # violates NOT NULL
    with pytest.raises(duckdb.Error):
        warehouse.publish(db, warehouse.LoadBatch({"articles": bad}, {"a"}))
    assert run_read_only(db, "SELECT count(*) n FROM articles")["n"][0] == 1
    assert not (tmp_path / "w.duckdb.staging").exists()


def test_published_file_uses_duckdb_1_5_storage(tmp_path):
    """DuckDB 2.0 marks its own format 999 in the file header; 1.5-compatible files carry 68 or less."""
    import struct

    db = tmp_path / "w.duckdb"
    _load(db, ["a"])
    header = db.read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert struct.unpack("<Q", header[12:20])[0] <= 68


def test_write_lock_refuses_a_second_writer(tmp_path):
    db = tmp_path / "w.duckdb"
    with warehouse.write_lock(db):
        with pytest.raises(warehouse.WarehouseBusy, match="another dateline run"):
            with warehouse.write_lock(db, wait=0.3):
                pass


@pytest.mark.parametrize("statement", [
    "CREATE TABLE x (a INT)",
    "DELETE FROM articles",
    "ATTACH 'other.duckdb' AS o",
    "COPY articles TO 'out.csv'",
    "INSTALL httpfs",
    "SELECT * FROM read_csv('/etc/passwd')",
])
def test_sql_is_read_only(tmp_path, statement):
    db = tmp_path / "w.duckdb"
    _load(db, ["a"])
    with pytest.raises((ReadOnlyViolation, duckdb.Error)) as info:
        run_read_only(db, statement)
    assert info.type is ReadOnlyViolation or "read-only" in str(info.value).lower() or "disabled" in str(info.value).lower()


@pytest.mark.parametrize("name", ["w.duckdb", "w.ducklake"])
def test_a_feed_asks_only_about_its_own_entries(tmp_path, name):
    from dateline.pipeline import _loaded_ids

    db = tmp_path / name
    _load(db, ["a", "b"])
    assert warehouse.loaded_ids(db, ["a", "c"]) == {"a"}
    assert _loaded_ids(warehouse.source_state(db))(["b", "d"]) == {"b"}
    assert warehouse.loaded_ids(tmp_path / "none.duckdb", ["a"]) == set()
