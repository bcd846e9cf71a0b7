"""The lines of a text file, plain or gzip, read as a stream and decoded one at a time.

A file is never read whole: memory holds one line. Each line is decoded on its own (UTF-8, else
Windows-1252), so one bad byte or a NUL costs that line, not the file. Three limits keep hostile input
bounded, each reported as a rejection naming the file and line: a line longer than `MAX_LINE_BYTES`,
gzip data that inflates more than `MAX_INFLATE_RATIO` times (a gzip bomb), gzip data that ends early
(the complete lines before the cut are good) and corrupt gzip data (a checksum or a code that fails:
deflate may have inflated garbage before it noticed, so no line of the file can be trusted).
"""
from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

MAX_LINE_BYTES = 64 * 1024 * 1024  # a 50 MB JSON line is real (a long document); beyond this it is not
MAX_INFLATE_RATIO = 100  # news text gzips 3-10x; a bomb 1,000x
INFLATE_FLOOR_BYTES = 1024 * 1024  # the ratio is judged once this much has been inflated
GZIP_ERRORS = (gzip.BadGzipFile, zlib.error, EOFError)
CORRUPT = "corrupt gzip data"


@dataclass
class Line:
    number: int
    text: str | None  # None when the line cannot be had; `problem` says why
    problem: str | None = None
    stop: bool = False  # nothing after this line can be read


def decode_line(data: bytes, first: bool = False) -> tuple[str | None, str | None]:
    """One line's bytes as text, or None and the reason (NUL bytes are binary, not text)."""
    if b"\x00" in data:
        return None, "NUL byte in the line: binary data, not text"
    if first and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), None


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def read_lines(path: Path) -> Iterator[Line]:
    """Every line of `path` (gzip when it ends in .gz), decoded, with its number from 1."""
    with open(path, "rb") as raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if is_gzip(path) else raw
        yield from _lines(stream, raw)


def _lines(stream: BinaryIO, raw: BinaryIO) -> Iterator[Line]:
    number, inflated, overlong = 0, 0, False
    while True:
        try:
            data = stream.readline(MAX_LINE_BYTES + 1)
        except EOFError:
            yield Line(number + 1, None, "gzip data ends early (a download cut short?): the complete lines "
                                         "before it are loaded", stop=True)
            return
        except GZIP_ERRORS as exc:
            yield Line(number + 1, None, f"{CORRUPT} ({exc}): nothing from this file is loaded, as its lines "
                                         "cannot be trusted", stop=True)
            return
        inflated += len(data)
        if stream is not raw and inflated > INFLATE_FLOOR_BYTES and inflated > MAX_INFLATE_RATIO * max(raw.tell(), 1):
            yield Line(number + 1, None, f"gzip data inflates more than {MAX_INFLATE_RATIO}x its size (a gzip bomb?): "
                                         "the rest of the file from this line is not read", stop=True)
            return
        if not data:
            return
        if overlong:  # the rest of a line already reported
            overlong = not data.endswith(b"\n")
            continue
        number += 1
        if len(data) > MAX_LINE_BYTES:
            overlong = not data.endswith(b"\n")
            yield Line(number, None, f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB")
            continue
        yield Line(number, *decode_line(data, first=number == 1))
