import gzip
import json

from dateline.pipeline import read_sources
from dateline.records import RawArticle, Rejection


def test_folder_of_text_files_with_bad_ones(tmp_path):
    (tmp_path / "good.txt").write_text("date 2021-04-07 Islamabad: Pakistan and Russia agreed.")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("date 2021-04-07 Paris: \u201cCaf\u00e9\u201d, he said.".encode("cp1252"))
    raws, rejections = read_sources([str(tmp_path)])
    assert sorted(r.article_id for r in raws) == ["good.txt", "latin1.txt"]
    reasons = {r.location: r.reason for r in rejections}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")


def test_jsonl_malformed_line_is_rejected_and_the_rest_loads(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    lines = [json.dumps({"id": "1", "body": "One.", "topic": "x"}), "{not json", json.dumps({"id": "3", "title": "no body"}),
             json.dumps({"id": "4", "text": "Four."})]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    raws, rejections = read_sources([str(path)])
    assert [r.article_id for r in raws] == ["1", "4"]
    assert raws[0].extra == {"topic": "x"}
    assert [r.location for r in rejections] == ["a.jsonl.gz:2", "a.jsonl.gz:3"]
    assert "malformed JSON" in rejections[0].reason and "no body" in rejections[1].reason


def test_csv_row_without_body(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,date,body\n1,2021-04-07,"He said ""yes"", again."\n2,2021-04-08,\n')
    raws, rejections = read_sources([str(path)])
    assert isinstance(raws[0], RawArticle) and raws[0].text == 'He said "yes", again.'
    assert isinstance(rejections[0], Rejection) and rejections[0].location == "a.csv:3"


def test_missing_source_is_a_rejection(tmp_path):
    raws, rejections = read_sources([str(tmp_path / "nope")])
    assert not raws and rejections[0].reason == "source not found"
