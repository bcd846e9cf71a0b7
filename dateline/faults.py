"""Fault injection for the crash tests: `DATELINE_FAULT=<stage>` kills the process at that stage.

Stages: `extract` (during extraction), `load` (half-way through loading the staging file, or the lake's
transaction), `publish` (staging file complete, not yet renamed over the warehouse; a lake's transaction
complete, not yet committed); `disk-full-copy` makes the staging copy
fail as a full disk would, once it is written. Used only by tests; unset, it does nothing.
"""
from __future__ import annotations

import errno
import os
import signal


def crash_point(stage: str) -> None:
    if os.environ.get("DATELINE_FAULT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def disk_full_point(stage: str) -> None:
    if os.environ.get("DATELINE_FAULT") == f"disk-full-{stage}":
        raise OSError(errno.ENOSPC, "No space left on device")
