"""The part cache is used only if nobody else can write it: a folder or entry owned by another user
or writable by group or others is not used (one warning, the render goes on without it), and an
entry that is not a well-formed PDF is a miss, never a 0-byte or truncated output."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from piagen.render.pdf.cache import PartCache, well_formed
from tests.shared import EXAMPLES

PART = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<</Size 2>>\n%%EOF\n"
OTHER_UID = 65534  # nobody

Run = Callable[..., tuple[int, str, str]]


def stored(folder: Path) -> tuple[PartCache, str, Path]:
    cache = PartCache(folder)
    key = cache.key("part")
    cache.put(key, PART)
    return cache, key, next(folder.rglob("*.pdf.z"))


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722, 0o702])
def test_a_folder_others_can_write_is_not_used(tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "c"
    _, key, _ = stored(folder)
    folder.chmod(mode)
    cache = PartCache(folder)
    assert not cache.usable and cache.get(key) is None
    assert cache.warning and str(folder) in cache.warning and "使いません" in cache.warning
    cache.put(cache.key("other"), PART)  # nor written
    assert len(list(folder.rglob("*.pdf.z"))) == 1


@pytest.mark.skipif(os.getuid() != 0, reason="changing an owner needs root")
def test_a_folder_or_entry_of_another_user_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    _, key, entry = stored(folder)
    os.chown(entry, OTHER_UID, -1)  # the entry replaced by another user
    cache = PartCache(folder)
    assert cache.usable and cache.get(key) is None and cache.warning
    os.chown(entry, 0, -1)
    assert PartCache(folder).get(key) == PART
    os.chown(entry.parent, OTHER_UID, -1)  # the entries' sub-folder
    assert PartCache(folder).get(key) is None
    os.chown(entry.parent, 0, -1)
    os.chown(folder, OTHER_UID, -1)  # PIAGEN_CACHE_DIR pre-created by another user
    cache = PartCache(folder)
    assert not cache.usable and cache.get(key) is None and cache.warning


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_an_entry_others_can_write_is_a_miss(tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "c"
    _, key, entry = stored(folder)
    entry.chmod(mode)
    cache = PartCache(folder)
    assert cache.get(key) is None and cache.misses == 1 and cache.warning


def test_a_symlinked_entry_is_a_miss(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    _, key, entry = stored(folder)
    elsewhere = tmp_path / "elsewhere.z"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert PartCache(folder).get(key) is None


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"%PDF-1.7\n", b"%PDF-1.7\nstartxref\n999999\n%%EOF", PART[:-10], b"\x00" * 100],
    ids=["empty", "garbage", "header-only", "xref-outside", "truncated", "zeros"],
)
def test_valid_zlib_holding_no_pdf_is_a_miss(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "c"
    _, key, entry = stored(folder)
    entry.write_bytes(zlib.compress(content))
    assert not well_formed(content)
    assert PartCache(folder).get(key) is None


def test_render_with_a_world_writable_cache_warns_once_and_renders(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("PIAGEN_CACHE_DIR", str(folder))
    model = EXAMPLES / "kitakyushu-shingata-influenza.yaml"
    code, _, err = run_cli(
        "render", str(model), "--to", "pdf", "--form", "focused", "--out", str(tmp_path / "o")
    )
    assert code == 0, err
    assert err.count("PDF の部品キャッシュ") == 1 and str(folder) in err
    assert list(folder.iterdir()) == []  # nothing stored where others can change it
    pdf = (tmp_path / "o" / "kitakyushu-shingata-influenza-focused-internal.pdf").read_bytes()
    assert well_formed(pdf)
