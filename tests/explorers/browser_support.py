"""Serve a notebook with Voilà on 127.0.0.1 and open it in Debian's Chromium through Playwright.

Used by tests/test_browser.py. Nothing here touches the network beyond the loopback: Voilà listens
on 127.0.0.1 only, and the browser context aborts every request to another host (the page asks a
CDN for fonts; waiting on a closed network would only slow the tests down).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
# --headless/--no-sandbox/--disable-gpu: a container without a display, a GPU or user namespaces;
# the rest keep Chromium from calling home (QUIC, first-run, component updates, sync) on a closed
# network, where each attempt waits for a timeout. Playwright gives each launch a fresh profile.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = "127.0.0.1"
# the inline backend even when the caller's environment says Agg (CI often does): under Agg the
# kernel would draw no figures into the page
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def responds(url: str) -> bool:
    """True when an HTTP server answers at ``url`` with any status (404 included)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Server:
    """A running Voilà: the page's address and the log file it writes."""

    url: str
    log: Path
    process: subprocess.Popen = field(repr=False)

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@contextmanager
def voila(notebook: Path, workdir: Path, *, env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[Server]:
    """Serve ``notebook`` with Voilà on a free port of 127.0.0.1 while the block runs.

    Args:
        notebook: the .ipynb to serve.
        workdir: an empty folder for Voilà's Jupyter data, runtime and config dirs and its log.
        env: extra environment variables for Voilà and its kernels.
        timeout: seconds to wait for the server to answer.

    Readiness is probed on a path that is not the notebook: every GET of the page starts a kernel
    that stays until Voilà stops. Voilà is stopped by its own PID; SIGTERM shuts its kernels down.
    """
    notebook = Path(notebook).resolve()
    port = free_port()
    dirs = {name: workdir / name.lower() for name in ("JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    full_env = os.environ | {name: str(path) for name, path in dirs.items()} | {"MPLBACKEND": INLINE_BACKEND} | (env or {})
    log = workdir / "voila.log"
    cmd = [
        sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
        f"--Voila.ip={LOOPBACK}", "--Voila.port_retries=0",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, env=full_env, stdout=out, stderr=subprocess.STDOUT, cwd=notebook.parent)
    server = Server(f"http://{LOOPBACK}:{port}/", log, process)
    try:
        deadline = time.monotonic() + timeout
        while not responds(f"{server.url}nigerlens-ready-probe"):
            if process.poll() is not None:
                raise RuntimeError(f"voila exited with status {process.returncode}:\n{server.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"voila did not answer on {server.url} within {timeout:.0f} s:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def only_loopback(route) -> None:
    """Playwright route handler: let requests to 127.0.0.1 through, abort the rest."""
    if urlsplit(route.request.url).hostname == LOOPBACK:
        route.continue_()
    else:
        route.abort()
