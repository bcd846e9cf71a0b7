"""A local Prefect server on 127.0.0.1, for `dateline serve` when no PREFECT_API_URL is set (and for tests)."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def local_server(log_path: Path, timeout: float = 90.0) -> Iterator[str | None]:
    """Start `prefect server start` bound to 127.0.0.1; yield its API URL (None if it did not come up); stop it after."""
    port = free_port()
    log = open(log_path, "w")
    url = f"http://127.0.0.1:{port}/api"
    # the UI asks the server where its API is: without this it answers port 4200, not this one
    env = {**os.environ, "PREFECT_SERVER_UI_API_URL": url}
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    ready = url if _answers(url, timeout, proc) else None
    try:
        yield ready
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()


SERVER_CHILD = """
import ctypes, signal, sys
try:  # Linux: this server stops when the run that started it ends, even by SIGKILL
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
except (OSError, AttributeError):
    pass
import uvicorn
sys.argv = ["uvicorn", *sys.argv[1:]]
uvicorn.main()
"""


@contextlib.contextmanager
def temporary_server(log_path: Path) -> Iterator[str]:
    """Prefect's temporary API server (no UI) for one `dateline run`, started the way Prefect starts its
    own but in a session of its own: Ctrl-C reaches the run, which then still reports to a live server,
    instead of killing the server first. Yields the API URL as soon as the process is started; call
    `wait_healthy` before the first request. Stopped after; it also dies with the run. Its log is kept
    only when the run failed."""
    import importlib.util

    prefect_root = Path(importlib.util.find_spec("prefect").origin).parent.parent  # not imported: it would read
    port = free_port()                                                             # its settings before the URL is set
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER_CHILD, "--app-dir", str(prefect_root), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "error",
         "--lifespan", "on"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    failed = True
    try:
        yield f"http://127.0.0.1:{port}/api"
        failed = False
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        if not failed:
            log_path.unlink(missing_ok=True)


def wait_healthy(url: str, timeout: float = 180.0) -> None:
    """Wait for a server's health check; a clear ServerNotStarted if it does not answer in time."""
    if not _answers(url, timeout):
        raise ServerNotStarted(f"Prefect's temporary server did not answer within {timeout:.0f} s "
                               "(a very busy machine?): set PREFECT_API_URL to a running server, or try again")


def _answers(url: str, timeout: float, proc: subprocess.Popen | None = None) -> bool:
    """Whether the server at `url` answers its health check within `timeout` s (and its process lives)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (proc is None or proc.poll() is None):
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


class ServerNotStarted(RuntimeError):
    """Prefect's temporary server did not come up."""
