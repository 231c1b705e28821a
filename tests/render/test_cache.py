"""The PDF part cache: a long form is laid out section by section, and a section whose HTML did not
change is taken from the cache instead of being laid out again. Rendering from the cache must give
the same PDF; editing one item must lay out one section; the cache must never fail a render.

川崎市 (full form, 36 pages, 15 parts) is rendered cold, warm and after an edit (~6 s)."""

from __future__ import annotations

import copy
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from piagen.model import source
from piagen.render import forms as render
from piagen.render.job import Options
from piagen.render.pdf import cache as partcache
from piagen.render.pdf.cache import PartCache
from piagen.render.writers import pdf as pdf_writer
from tests.shared import EXAMPLES

KAWASAKI = EXAMPLES / "kawasaki-kenko-zoshin.yaml"


# ---- the cache itself ----
def test_get_what_was_put(tmp_path: Path) -> None:
    cache = PartCache(tmp_path / "c")
    key = cache.key("<html>甲</html>")
    assert cache.get(key) is None and cache.misses == 1
    part = b"%PDF-1.7 part\ntrailer\n<<>>\n%%EOF\n"  # an entry is used only if well formed
    cache.put(key, part)
    assert cache.get(key) == part and cache.hits == 1


def test_key_depends_on_every_piece_and_the_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    key = PartCache.key
    assert key("a", "bc") != key("ab", "c")  # pieces are delimited, not concatenated
    assert key("a") == key(b"a") != key("b")
    before = key("a")
    monkeypatch.setattr(partcache, "_salt", lambda: b"WeasyPrint 99")
    assert key("a") != before


def test_folder_and_entries_are_private(tmp_path: Path) -> None:
    """Parts of the 提出版 hold withheld text: only the owner may read the cache."""
    cache = PartCache(tmp_path / "c")
    key = cache.key("x")
    cache.put(key, b"data")
    entry = next((tmp_path / "c").rglob("*.pdf.z"))
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert not [p for p in (tmp_path / "c").rglob(".part-*")]  # no temporary file left


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    cache = PartCache(shared)
    cache.put(cache.key("x"), b"data")
    entry = next(shared.rglob("*.pdf.z"))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # not taken over
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700 and stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_unusable_cache_is_a_miss_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = PartCache(blocker / "c")  # cannot be created
    key = cache.key("x")
    cache.put(key, b"data")
    assert cache.get(key) is None
    good = PartCache(tmp_path / "good")
    good.put(key, b"data")
    entry = next((tmp_path / "good").rglob("*.pdf.z"))
    entry.write_bytes(entry.read_bytes()[:5])  # truncated, as by a full disk
    assert good.get(key) is None


def test_prune_removes_the_least_recently_used(tmp_path: Path) -> None:
    cache = PartCache(tmp_path / "c", limit=2500)
    keys = [cache.key(str(i)) for i in range(3)]
    for i, key in enumerate(keys):
        # incompressible: ~1000 bytes stored each
        cache.put(key, b"%PDF-1.7\n" + os.urandom(1000) + b"\ntrailer\n%%EOF\n")
        entry = next((tmp_path / "c").rglob(f"{key}.pdf.z"))
        os.utime(entry, (time.time() - 100 + i, time.time() - 100 + i))
    assert cache.get(keys[0]) is not None  # used now: the most recent
    cache.prune()
    assert [cache.get(k) is not None for k in keys] == [True, False, True]


def test_default_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PIAGEN_CACHE_DIR", str(tmp_path / "x"))
    assert partcache.default_folder() == tmp_path / "x"
    monkeypatch.delenv("PIAGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert partcache.default_folder() == tmp_path / "xdg" / "piagen" / "pdf-parts"


# ---- rendering with the cache ----
def page_texts(data: bytes, folder: Path, name: str) -> list[str]:
    path = folder / name
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return [re.sub(r"\s+", "", page) for page in text.stdout.split("\f")[:-1]]


@pytest.fixture(scope="module")
def kawasaki() -> dict[str, Any]:
    data: dict[str, Any] = source.load(KAWASAKI).data
    return data


def render_pdf(data: dict[str, Any], cache: PartCache | None) -> bytes:
    return render.render(
        data, "full", ("pdf",), Options(model_yaml=source.dump(data), workers=2, cache=cache)
    )["pdf"]


def test_cold_warm_and_edited(kawasaki: dict[str, Any], tmp_path: Path) -> None:
    """Each miss is a part laid out (and then stored); each hit a part taken as stored."""
    cache = PartCache(tmp_path / "cache")
    parts = len(pdf_writer.split(render.document(kawasaki, "full")))
    assert parts > 10
    cold = render_pdf(kawasaki, cache)
    # Every part, the overlay's two pieces, and the merged PDF: none found, all stored.
    assert (cache.hits, cache.misses) == (0, parts + 3)
    assert len(list((tmp_path / "cache").rglob("*.pdf.z"))) == parts + 3

    warm = render_pdf(kawasaki, cache)
    assert (cache.hits, cache.misses) == (1, parts + 3)  # the merged PDF, as stored: nothing laid out
    assert warm == cold

    edited = copy.deepcopy(kawasaki)
    edited["disclosure"]["request"]["method"] = "窓口及び郵送で請求を受け付ける。"
    changed = render_pdf(edited, cache)
    # A new merged PDF, of the parts as stored but the 開示請求 section (the attached model is
    # embedded at the merge, not in a part) and the overlay as stored (the same page count).
    assert (cache.hits, cache.misses) == (1 + parts - 1 + 2, parts + 3 + 2)
    assert len(list((tmp_path / "cache").rglob("*.pdf.z"))) == parts + 3 + 2
    cache.folder = tmp_path / "elsewhere"  # the merged PDF without any stored part: the same bytes
    assert render_pdf(edited, cache) == changed
    before, after = page_texts(cold, tmp_path, "cold.pdf"), page_texts(changed, tmp_path, "changed.pdf")
    assert len(before) == len(after)
    differ = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(differ) == 1 and "窓口及び郵送で請求を受け付ける。" in after[differ[0]]
    attached = subprocess.run(
        ["pdfdetach", "-list", str(tmp_path / "changed.pdf")], capture_output=True, text=True
    )
    assert attached.stdout.splitlines() == ["1 embedded files", "1: model.yaml"]
    subprocess.run(
        ["pdfdetach", "-save", "1", "-o", str(tmp_path / "m.yaml"), str(tmp_path / "changed.pdf")], check=True
    )
    assert source.load(tmp_path / "m.yaml").data == edited  # the edited model, not the cached one


# ---- the entry point starts the layout processes before the command line is imported ----
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["render", "m.yaml"], True),  # pdf,xlsx by default
        (["render", "m.yaml", "--to", "xlsx,pdf"], True),
        (["render", "m.yaml", "--to=pdf"], True),
        (["render", "m.yaml", "--to", "xlsx"], False),
        (["render", "m.yaml", "--to=html,xlsx"], False),
        (["render", "--help"], False),
        (["validate", "m.yaml"], False),
        ([], False),
    ],
)
def test_entry_point_knows_when_a_pdf_is_written(args: list[str], expected: bool) -> None:
    from piagen import __main__

    assert __main__._writes_pdf(args) is expected


def test_python_m_piagen_renders_a_pdf(tmp_path: Path) -> None:
    model = EXAMPLES / "kitakyushu-shingata-influenza.yaml"
    args = ["render", str(model), "--to", "pdf", "--out", str(tmp_path), "--form", "focused"]
    done = subprocess.run(
        [sys.executable, "-m", "piagen", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PIAGEN_CACHE_DIR": str(tmp_path / "c")},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "kitakyushu-shingata-influenza-focused-internal.pdf").read_bytes().startswith(b"%PDF-")
    bad = subprocess.run(
        [sys.executable, "-m", "piagen", "render", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "ファイルが見つかりません" in bad.stderr and "Traceback" not in bad.stderr


def _group(pgid: int) -> list[int]:
    """The processes of process group `pgid` (zombies included: an unreaped child is left behind)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            found.append(int(status.parent.name))
    return found


@pytest.mark.parametrize("moment", ["starting", "laying out"])
def test_ctrl_c_stops_the_layout_processes_quietly(tmp_path: Path, moment: str) -> None:
    """Ctrl-C (SIGINT to the terminal's process group) while the layout processes start, or while
    parts are laid out: exit 130, no traceback from the command or its layout processes, no output
    written, and no process left once the command has exited."""
    import signal

    args = [sys.executable, "-m", "piagen", "render", str(EXAMPLES / "takatsuki-juki.yaml"), "--to", "pdf"]
    env = {**os.environ, "PIAGEN_CACHE_DIR": str(tmp_path / "c")}
    with subprocess.Popen(
        [*args, "--out", str(tmp_path / "out")],
        env=env,
        start_new_session=True,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        # Both layout processes exist (the 80 pages take seconds more), or the first one does.
        wanted = 3 if moment == "laying out" else 2
        while len(_group(process.pid)) < wanted and process.poll() is None:
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 130 and "Traceback" not in err, err
    assert err.strip() == "中断しました。"
    assert not (tmp_path / "out").exists()
    assert _group(process.pid) == []
