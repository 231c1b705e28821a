"""A small DevTools-protocol client for Debian's headless Chromium: open a page, collect console
messages, exceptions and failed loads, evaluate expressions (no Playwright, no browser download)."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from websockets.sync.client import ClientConnection, connect

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Page:
    """One browser tab driven over the DevTools protocol."""

    ws: ClientConnection
    problems: list[str] = field(default_factory=list)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = self._receive(30)
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    def _receive(self, timeout: float) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(self.ws.recv(timeout=timeout))
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            self.problems.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            self.problems.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            self.problems.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Network.loadingFailed":
            self.problems.append(f"failed load: {params.get('errorText')}")
        return message

    def open(self, url: str) -> str | None:
        """Navigate and wait for the load event; the navigation error (None when it loaded)."""
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            return str(result["errorText"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._receive(30).get("method") == "Page.loadEventFired":
                return None
        return "timeout"

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


@contextlib.contextmanager
def browser() -> Iterator[Page]:
    """A headless Chromium with a fresh profile, and its first tab with logging enabled."""
    binary = executable()
    assert binary is not None
    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        drain = threading.Thread(target=_drain, args=(process,), daemon=True)
        try:
            port = _port(process)
            drain.start()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
                tabs = json.load(response)
            url = next(t["webSocketDebuggerUrl"] for t in tabs if t.get("type") == "page")
            with connect(url, max_size=None, open_timeout=10) as ws:
                page = Page(ws)
                for domain in ("Page", "Runtime", "Log", "Network"):
                    page.call(f"{domain}.enable")
                yield page
        finally:
            process.terminate()
            process.wait(timeout=10)
            if drain.is_alive():
                drain.join(timeout=10)
            assert process.stderr is not None
            process.stderr.close()


def _drain(process: subprocess.Popen[str]) -> None:
    """Keep reading Chromium's log so that a full pipe never blocks it."""
    assert process.stderr is not None
    for _ in process.stderr:
        pass


def _port(process: subprocess.Popen[str]) -> int:
    assert process.stderr is not None
    for line in process.stderr:
        found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
        if found:
            return int(found.group(1))
    raise RuntimeError("Chromium did not start its DevTools endpoint")
