"""Shared test set-up: a private Prefect home, no telemetry, the spaCy model loaded once."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Never the user's own Prefect (its home, profiles, server) or warehouse: every setting that could point
# there is replaced or removed before anything imports Prefect (tests/test_hygiene.py checks it).
USER_SETTINGS = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH", "DATELINE_DB",
                 "DATELINE_SPACY_MODEL", "PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL")
for name in USER_SETTINGS:
    os.environ.pop(name, None)
_PREFECT_HOME = tempfile.mkdtemp(prefix="dateline-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["XDG_CACHE_HOME"] = str(Path(_PREFECT_HOME) / "cache")  # dateline's built tables: not the user's cache
os.environ["PREFECT_PROFILES_PATH"] = str(Path(_PREFECT_HOME) / "profiles.toml")
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["GX_ANALYTICS_ENABLED"] = "False"

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this checkout")


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def rules():
    from dateline.extract.rules import load_rules

    return load_rules()


@pytest.fixture
def analyse(nlp, rules):
    """Run one text through the model and every extractor: returns (doc, entities, rows)."""
    from dateline.extract.entities import resolve_entities
    from dateline.extract.rows import article_rows
    from dateline.parse import content_hash
    from dateline.records import Article

    def run(text: str, date: str | None = "2021-04-07", city: str | None = None):
        doc = nlp(text)
        article = Article("t", "test", text, content_hash(text), published_date=date, dateline_city=city)
        return doc, resolve_entities(doc, rules.entities), article_rows(doc, article, rules)

    return run


@pytest.fixture(scope="session", autouse=True)
def prefect_server():
    """One real Prefect server on 127.0.0.1 for the whole session: every `dateline run` the tests start
    uses it through PREFECT_API_URL instead of starting a temporary server of its own (~10 s each).
    If it does not come up, the runs fall back to their own temporary servers."""
    from dateline.prefect_server import local_server

    with local_server(Path(_PREFECT_HOME) / "server.log") as url:
        if url:
            os.environ["PREFECT_API_URL"] = url
        try:
            yield url
        finally:
            os.environ.pop("PREFECT_API_URL", None)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """One real `dateline run` on the bundled sample, shared by the end-to-end tests that only read it."""
    from .test_flow_e2e import counts, dateline

    work = tmp_path_factory.mktemp("sample")
    first = dateline("run", "--db", "w.duckdb", cwd=work)
    assert first.returncode == 0, first.stdout + first.stderr
    return work, first, counts(work / "w.duckdb")

