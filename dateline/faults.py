"""Fault injection for the crash tests: `DATELINE_FAULT=<stage>` kills the process at that stage.

Stages: `extract` (during extraction), `load` (half-way through loading the staging file),
`publish` (staging file complete, not yet renamed over the warehouse). Used only by tests; unset, it does nothing.
"""
from __future__ import annotations

import os
import signal


def crash_point(stage: str) -> None:
    if os.environ.get("DATELINE_FAULT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)
