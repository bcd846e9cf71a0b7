"""Extraction: from parsed articles to the rows of entities, mentions, quotes, metrics and events.

Each extractor is a pure function over a spaCy `Doc`; this module runs the model over a batch with
`nlp.pipe` and turns what the extractors return into plain row dicts, one list per table.
"""
from __future__ import annotations

import contextlib
import hashlib
from typing import Callable, Iterable

import numpy
from spacy.language import Language

from dateline import nlp, workers
from dateline.extract import doccache
from dateline.extract.entities import resolve_entities
from dateline.extract.events import extract_events
from dateline.extract.metrics import extract_metrics
from dateline.extract.quotes import extract_quotes
from dateline.records import Article

TABLES = ("entities", "mentions", "quotes", "metrics", "events")


def _row_id(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def extract_doc(doc, article: Article) -> dict[str, list[dict]]:
    """All rows one article yields, keyed by table name; offsets point into `article.body`."""
    aid = article.article_id
    ents = resolve_entities(doc)
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for e in ents.entities:
        rows["entities"].append({"entity_id": e.entity_id, "name": e.name, "type": e.type, "country_code": e.country_code})
    for m in ents.mentions:
        rows["mentions"].append({"article_id": aid, "entity_id": m.entity.entity_id, "start": m.start, "end": m.end,
                                 "text": m.text})
    for q in extract_quotes(doc, ents):
        row = dict(vars(q))  # flat dataclasses: a copy of their fields, without asdict's deep copies
        row.update(quote_id=_row_id(aid, "q", q.quote_start, q.quote_end), article_id=aid)
        rows["quotes"].append(row)
    for m in extract_metrics(doc):
        rows["metrics"].append({"metric_id": _row_id(aid, "m", m.start, m.end), "article_id": aid, "value": m.value,
                                "value_max": m.value_max, "unit": m.unit, "normalized_unit": m.normalized_unit,
                                "change": m.change, "concept": m.concept, "start": m.start, "end": m.end,
                                "text": m.text})
    for ev in extract_events(doc, ents, article.published_date, article.dateline_city):
        row = dict(vars(ev))
        row.update(event_id=_row_id(aid, "e", ev.sentence_start, ev.trigger_start), article_id=aid)
        rows["events"].append(row)
    return rows


@Language.component("dateline_extract")
def dateline_extract(doc):
    """The extractors as the last spaCy pipeline component: they run in whichever process runs the
    model (a worker process with `--workers N`), and leave their rows in `doc.user_data`."""
    meta = doc.user_data.get("dateline_article")
    if meta is not None:
        article = Article(meta["article_id"], "", doccache.text(doc), "", published_date=meta.get("published_date"),
                          dateline_city=meta.get("dateline_city"))
        doc.user_data["dateline_rows"] = extract_doc(doc, article)
    doc.user_data.pop("dateline_text", None)
    doc.user_data.pop("dateline_ents", None)
    doc.user_data.pop("dateline_tokens", None)
    if meta is not None:
        doc.tensor = numpy.zeros((0,), dtype="float32")  # the rows are out: the tensor's memory can go at once
    return doc


def pipeline_with_extractors(model: str | None = None):
    model_nlp = nlp.load_model(model)
    if "dateline_extract" not in model_nlp.pipe_names:
        model_nlp.add_pipe("dateline_extract", last=True)
    return model_nlp


CHUNK = 64  # articles a model process takes at a time: few enough that every core stays busy to the end
MODEL_BATCH = 32  # articles in one `nlp.pipe` batch: as fast as 64 on CPU (16 is ~10 % slower), less peak memory
# Articles a process reads into its vocabulary for good before it reads in memory zones. Inside a zone
# spaCy's tokenizer caches nothing and every new word's lexeme is made again in each zone, so a process
# that starts in zones tokenizes ~4x slower for the whole run; the words of its first few hundred articles
# (a few thousand strings) cover most of what the rest of a news run will use.
VOCAB_ARTICLES = 512
_articles_read: dict[str | None, int] = {}


def extract_chunk(articles: list[Article], model: str | None = None, batch_size: int = MODEL_BATCH,
                  on_progress: Callable[[int], None] | None = None) -> dict[str, list[dict]]:
    """The model and the extractors over some articles, in this process."""
    model_nlp = pipeline_with_extractors(model)
    out: dict[str, list[dict]] = {t: [] for t in TABLES}

    def docs_in() -> Iterable:
        for a in articles:
            text = a.body[:nlp.MAX_CHARS]  # offsets stay valid: a prefix of the body
            doc = model_nlp.make_doc(text)
            doc.user_data["dateline_text"] = text  # what `doc.text` would rebuild from every token (doccache)
            doc.user_data["dateline_article"] = {"article_id": a.article_id, "published_date": a.published_date,
                                                 "dateline_city": a.dateline_city}
            yield doc

    with _vocabulary_zone(model_nlp, model, len(articles)):
        for n, doc in enumerate(model_nlp.pipe(docs_in(), batch_size=batch_size), start=1):
            for table, rows in doc.user_data["dateline_rows"].items():
                out[table].extend(rows)
            if on_progress is not None and (n % batch_size == 0 or n == len(articles)):
                on_progress(batch_size if n % batch_size == 0 else n % batch_size)
    return out


def _vocabulary_zone(model_nlp: Language, model: str | None, n_articles: int):
    """A memory zone, which frees the strings and lexemes the texts add to the vocabulary once they are
    read (without it a long run's model grows with every new word; only plain rows leave the zone),
    except for the first `VOCAB_ARTICLES` articles a process reads, whose words it keeps."""
    read = _articles_read.get(model, 0)
    if read < VOCAB_ARTICLES:
        _articles_read[model] = read + n_articles
        return contextlib.nullcontext()
    return model_nlp.memory_zone()


def extract_articles(articles: list[Article], model: str | None = None, n_process: int = 0,
                     on_progress: Callable[[int], None] | None = None) -> dict[str, list[dict]]:
    """Run the model and the extractors over a batch of articles and gather every table's rows, in order.

    With `n_process` ≥ 1 the articles go in chunks to a pool of that many model processes that each
    hold the model and send back only rows: unlike `nlp.pipe(n_process=…)`, no `Doc` travels back to
    be deserialised here, so this process stays free (to validate, to import Great Expectations) and
    the speed-up follows the cores. With 0, or a batch of one chunk, the model runs in this process."""
    if not uses_pool(articles, n_process):
        return extract_chunk(articles, model, on_progress=on_progress)
    parts = [(model, part) for part in _chunks(articles, n_process)]
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    for size, rows in workers.pool(model, n_process).imap(_extract_part, parts):
        for table, table_rows in rows.items():
            out[table].extend(table_rows)
        if on_progress is not None:
            on_progress(size)
    return out


def _chunks(articles: list[Article], n_process: int) -> list[list[Article]]:
    """Chunks of `CHUNK` articles, but for the last round, which goes in quarter chunks so that the
    processes finish together instead of one working alone through a long last chunk."""
    tail_start = max(0, len(articles) - CHUNK * n_process)
    tail_start -= tail_start % CHUNK
    small = max(1, CHUNK // 4)
    return ([articles[i:i + CHUNK] for i in range(0, tail_start, CHUNK)]
            + [articles[i:i + small] for i in range(tail_start, len(articles), small)])


def uses_pool(articles: list[Article], n_process: int) -> bool:
    """Whether a batch goes to model processes: never for one chunk, where starting them costs more."""
    return n_process >= 1 and len(articles) > CHUNK


def _extract_part(job: tuple[str | None, list[Article]]) -> tuple[int, dict[str, list[dict]]]:
    model, part = job
    return len(part), extract_chunk(part, model)
