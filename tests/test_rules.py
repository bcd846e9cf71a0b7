"""Word lists as data (dateline/vocab/), checked as they are read; the spaCy component that holds
them; the model as a setting."""
from __future__ import annotations

import shutil
from importlib import resources

import pytest

from dateline.vocab import Vocab, VocabError


@pytest.fixture
def vocab_copy(tmp_path):
    """A copy of the packaged vocabulary folder, to change."""
    folder = tmp_path / "vocab"
    shutil.copytree(str(resources.files("dateline.vocab")), folder,
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def test_a_word_listed_twice_fails_naming_the_file_and_list(vocab_copy):
    path = vocab_copy / "metrics.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('up = ["rise",', 'up = ["rise", "rise",'), encoding="utf-8")
    with pytest.raises(VocabError, match=r"metrics.toml: change.up lists 'rise' twice"):
        Vocab(vocab_copy).word_set("metrics.toml", "change.up")


def test_a_capital_in_a_lower_case_list_fails(vocab_copy):
    path = vocab_copy / "events.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"hold", "have"', '"Hold", "have"'), encoding="utf-8")
    from dateline.extract.rules import Rules

    with pytest.raises(VocabError, match="triggers.light_verbs is read as lower case but holds 'Hold'"):
        Rules.from_vocab(Vocab(vocab_copy))


def test_every_packaged_list_loads_and_no_title_word_is_listed_twice(rules):
    assert {"minister", "president", "chief"} <= rules.quotes.title_words
    assert rules.events.quad_class["PROTEST"] == "material conflict"
    # every phrasal rule reads: a known type (or NONE), and something to match
    assert all(r.event_type in rules.events.quad_class or r.event_type == "NONE" for r in rules.events.phrasal)
    assert all(r.particles or r.objects or r.modifiers or r.complements for r in rules.events.phrasal)
    assert {"call", "lift", "withdraw", "carry"} <= rules.events.phrasal_lemmas
    assert "pound-mass" == rules.metrics.units_own["pounds"]
    assert {"entities.toml", "quotes.toml", "metrics.toml", "events.toml", "shared.toml", "numbers.toml"} <= rules.vocab.read


def fresh_model():
    import spacy

    from dateline.nlp import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AssertionError("no spaCy model installed")


def test_the_component_reads_the_rules_of_another_folder(vocab_copy):
    """`rules_folder` in the component's config: here a folder whose entities list has no GPE."""
    from dateline.extract import component  # noqa: F401  registers the factory

    path = vocab_copy / "entities.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"GPE", ', ""), encoding="utf-8")
    pipeline = fresh_model()
    pipeline.add_pipe("dateline_extract", name="packaged")
    pipeline.add_pipe("dateline_extract", name="custom", config={"rules_folder": str(vocab_copy)})
    found = {}
    for name in ("packaged", "custom"):
        with pipeline.select_pipes(disable=[n for n in ("packaged", "custom") if n != name]):
            doc = pipeline.make_doc("Officials in Paris met Maria Lopez.")
            doc.user_data[component.ARTICLE_KEY] = {"article_id": "a"}
            doc = pipeline(doc)
        found[name] = {e["type"] for e in doc.user_data[component.ROWS_KEY]["entities"]}
    assert "GPE" in found["packaged"] and "GPE" not in found["custom"] and "PERSON" in found["custom"]


def test_a_saved_pipeline_keeps_its_own_rules(tmp_path):
    import spacy

    from dateline.extract import component  # noqa: F401  registers the factory

    pipeline = spacy.blank("en")
    pipeline.add_pipe("dateline_extract")
    pipeline.to_disk(tmp_path / "model")
    saved = tmp_path / "model" / "dateline_extract"
    assert (saved / "quotes.toml").is_file() and (saved / "cameo_verbs.tsv").is_file()
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("dateline_extract").rules.vocab.folder == saved


def test_the_model_is_a_setting(monkeypatch):
    from dateline import nlp

    monkeypatch.setenv("DATELINE_SPACY_MODEL", "no_such_model_xyz")
    assert nlp.model_name() == "no_such_model_xyz" and nlp.model_name("other") == "other"
    with pytest.raises(RuntimeError, match="no_such_model_xyz"):
        nlp.load_model()


def test_international_actors_are_not_companies():
    """Phoenix lists multinational companies (codes MNC…) among its international actors; they are businesses."""
    from dateline.extract.rules import load_rules

    international = load_rules().events.international
    assert {"united nations", "nato", "red crescent"} <= international
    assert not {"exxon", "toyota", "exxon mobil"} & international
