"""Progress hooks: the CLI installs a rich progress bar (plain lines when not a terminal); without
one, nothing happens. `stage` names what the run is doing; `start`/`advance`/`stop` count articles."""
from __future__ import annotations

from typing import Callable

_hooks: dict[str, Callable] = {}


def install(start: Callable[[int], None], advance: Callable[[int], None], stop: Callable[[], None],
            stage: Callable[[str], None] | None = None) -> None:
    _hooks.update(start=start, advance=advance, stop=stop)
    if stage is not None:
        _hooks["stage"] = stage


def stage(text: str) -> None:
    if "stage" in _hooks:
        _hooks["stage"](text)


def uninstall() -> None:
    _hooks.clear()


def start(total: int) -> None:
    if "start" in _hooks:
        _hooks["start"](total)


def advance(n: int) -> None:
    if "advance" in _hooks:
        _hooks["advance"](n)


def stop() -> None:
    if "stop" in _hooks:
        _hooks["stop"]()
