"""The editor schema through the real yaml-language-server (npm, pinned in tests/editor/package.json
and package-lock.json), spoken to over LSP on stdio with the settings the README gives: completion
shows the Japanese label, hover shows the guidance, a wrong date and a wrong option are diagnosed,
and a list written as `!include file.yaml` is not."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from piagen.model import editor
from tests.shared import EXAMPLES, npm_package

pytestmark = pytest.mark.editor

EXAMPLE = "takatsuki-juki"  # lists included from takatsuki-juki/*.yaml


class Client:
    """A minimal LSP client: framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, server: Path, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            ["node", str(server), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        mine = self.next_id
        self.send({"id": mine, "method": method, "params": params})
        for message in self.messages(60):
            if message.get("id") == mine and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
        raise AssertionError(f"no answer to {method}")

    def messages(self, timeout: float) -> Iterator[dict[str, Any]]:
        """Messages as they come, answering the server's own requests (configuration …)."""
        while True:
            try:
                message = self.inbox.get(timeout=timeout)
            except queue.Empty:
                return
            if "method" in message and "id" in message:
                self._answer(message)
            else:
                yield message

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), None) for item in message["params"]["items"]]
        self.send({"id": message["id"], "result": result})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        for message in self.messages(60):
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                found: list[dict[str, Any]] = message["params"]["diagnostics"]
                return found
        raise AssertionError("no diagnostics published")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, Path]]:
    server = npm_package("yaml-language-server") / "bin" / "yaml-language-server"
    folder = tmp_path_factory.mktemp("editor")
    shutil.copy(EXAMPLES / f"{EXAMPLE}.yaml", folder)
    shutil.copytree(EXAMPLES / EXAMPLE, folder / EXAMPLE)
    (folder / "piagen.schema.json").write_text(editor.schema_json(), encoding="utf-8")
    # The README's editor settings.
    settings = {
        "yaml": {"validate": True, "hover": True, "completion": True, "customTags": ["!include scalar"]}
    }
    lsp = Client(server, settings)
    capabilities = {
        "textDocument": {
            "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {},
        },
        "workspace": {"configuration": True},
    }
    lsp.request(
        "initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": capabilities}
    )
    lsp.notify("initialized", {})
    lsp.notify("workspace/didChangeConfiguration", {"settings": settings})
    yield lsp, folder
    lsp.close()


def _open(client: tuple[Client, Path], name: str, text: str) -> tuple[str, list[dict[str, Any]]]:
    """Open `text` as `name` beside the example, with the README's schema line; its diagnostics."""
    lsp, folder = client
    uri = (folder / name).as_uri()
    text = "# yaml-language-server: $schema=./piagen.schema.json\n" + text
    lsp.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri, lsp.diagnostics(uri)


def _source() -> str:
    return (EXAMPLES / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    """0-based line of the first line containing `needle`, counting the schema line added by _open."""
    return next(i for i, line in enumerate(text.splitlines()) if needle in line) + 1


def test_real_example_with_includes_has_no_diagnostics(client: tuple[Client, Path]) -> None:
    """Its lists included from other files (!include) and its 和暦 dates raise no false error."""
    text = _source()
    assert "recipients: !include" in text and "changes: !include" in text
    _, found = _open(client, "pristine.yaml", text)
    assert found == []


def test_wrong_date_and_wrong_option_are_diagnosed(client: tuple[Client, Path]) -> None:
    text = _source()
    assert "rating: 十分である" in text and "holding_start: 平成27年8月1日" in text
    broken = text.replace("rating: 十分である", "rating: 十分です", 1).replace(
        "holding_start: 平成27年8月1日", "holding_start: 平成二十七年八月一日", 1
    )
    _, found = _open(client, "broken.yaml", broken)
    lines = {d["range"]["start"]["line"]: d["message"] for d in found}
    assert len(found) == 2, found
    assert lines[_line_of(broken, "十分です")].startswith("Value is not accepted. Valid values:")
    assert lines[_line_of(broken, "平成二十七年八月一日")] == editor.DATE_MESSAGE


def test_completion_shows_the_japanese_label(client: tuple[Client, Path]) -> None:
    lsp, _ = client
    lines = _source().splitlines()
    at = lines.index("  organization: 高槻市長") + 1
    lines.insert(at, "  ")  # a new key in the cover, which has no 公表日 yet
    uri, _ = _open(client, "complete.yaml", "\n".join(lines) + "\n")
    answer = lsp.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": at + 1, "character": 2}},
    )
    items = answer["items"] if isinstance(answer, dict) else answer
    docs = {i["label"]: i.get("documentation") for i in items}
    published = docs["published"]
    shown = published["value"] if isinstance(published, dict) else published
    assert shown.startswith("**公表日**\n\n")
    assert "和暦の日付（例：令和7年1月20日" in shown


def test_hover_shows_label_and_guidance(client: tuple[Client, Path]) -> None:
    lsp, _ = client
    text = _source()
    uri, _ = _open(client, "hover.yaml", text)
    line = _line_of(text, "  linkage:") + 1  # its `status:`
    assert text.splitlines()[line - 1] == "    status: 実施する"
    hover = lsp.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 6}}
    )
    shown = hover["contents"]["value"]
    assert shown.startswith("#### ①実施の有無")
    assert "＜選択肢＞から1つ（番号を除いた文字を書く）: 1) 実施する ／ 2) 実施しない ／ 3) 未定" in shown
