"""A progress hook: the CLI installs a rich progress bar; without one, advancing does nothing."""
from __future__ import annotations

from typing import Callable

_hooks: dict[str, Callable] = {}


def install(start: Callable[[int], None], advance: Callable[[int], None], stop: Callable[[], None]) -> None:
    _hooks.update(start=start, advance=advance, stop=stop)


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
