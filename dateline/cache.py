"""Tables that take seconds to build from a library's data, kept as JSON in the user's cache folder.

Every model process needs them, so each is built once per installed version of its library and read
back in milliseconds after that (`$XDG_CACHE_HOME/dateline`, else `~/.cache/dateline`).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dateline"


def json_table(name: str, build: Callable[[], Any]) -> Any:
    """The table cached as `name` (which carries the library's version), built with `build` if absent."""
    path = folder() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(table), encoding="utf-8")
        os.replace(tmp, path)  # several model processes may build it at once: the last rename wins, whole
    except OSError:
        pass  # a read-only home: build it each time
    return table
