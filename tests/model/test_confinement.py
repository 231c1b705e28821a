"""Nothing outside the model gets in: `!include` and figures resolve inside the model's folder tree
(or `--root`), only regular files, size-checked before reading; and every cap has a Japanese
message naming the file (and line) and a test that is fast (< 2 s) and small (< 300 MB)."""

from __future__ import annotations

import base64
import io
import os
import resource
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from piagen.model import caps, figures, source
from tests.shared import EXAMPLES

KITAKYUSHU = EXAMPLES / "kitakyushu-shingata-influenza.yaml"

Run = Callable[..., tuple[int, str, str]]


def with_title(folder: Path, value: str, name: str = "m.yaml") -> Path:
    """The 北九州市 model with its title replaced by `value` (e.g. an !include), in `folder`."""
    text = KITAKYUSHU.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  title: "))
    lines[at] = f"  title: {value}"
    model = folder / name
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return model


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "model").mkdir()
    (tmp_path / "outside.yaml").write_text("秘密の外部ファイル\n", encoding="utf-8")
    return tmp_path / "model"


@pytest.fixture
def bounded() -> Iterator[None]:
    """Each cap test stays fast and small."""
    started = time.perf_counter()
    yield
    assert time.perf_counter() - started < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2_000_000  # KiB: a sanity bound


def refused(run_cli: Run, model: Path, *needles: str) -> str:
    code, out, err = run_cli("validate", str(model))
    assert code in (1, 2), out + err
    text = out + err
    assert "内部エラー" not in text and "Traceback" not in text
    for needle in needles:
        assert needle in text, text
    return text


def test_dotdot_escape(run_cli: Run, folder: Path) -> None:
    model = with_title(folder, "!include ../outside.yaml")
    text = refused(run_cli, model, "m.yaml:26:", "「../outside.yaml」はモデルのフォルダ", "外を指しています")
    assert "秘密の外部ファイル" not in text


def test_dotdot_to_etc_passwd(run_cli: Run, folder: Path) -> None:
    model = with_title(folder, "!include ../../../../../../../etc/passwd")
    text = refused(run_cli, model, "「../../../../../../../etc/passwd」", "外を指しています")
    assert "root:" not in text


def test_absolute_path(run_cli: Run, folder: Path) -> None:
    refused(run_cli, with_title(folder, "!include /etc/passwd"), "「/etc/passwd」は絶対パスです")


def test_symlink_escape(run_cli: Run, folder: Path) -> None:
    (folder / "shared.yaml").symlink_to(folder.parent / "outside.yaml")
    refused(run_cli, with_title(folder, "!include shared.yaml"), "「shared.yaml」", "シンボリックリンク")


def test_root_allows_shared_fragments(run_cli: Run, folder: Path) -> None:
    model = with_title(folder, "!include ../outside.yaml")
    code, out, err = run_cli("validate", str(model), "--root", str(folder.parent))
    assert "外を指しています" not in out + err and code in (0, 1)


def test_dev_zero_is_refused_without_reading(run_cli: Run, folder: Path, bounded: None) -> None:
    (folder / "zero.yaml").symlink_to("/dev/zero")
    refused(run_cli, with_title(folder, "!include zero.yaml"), "zero.yaml", "外を指しています")
    code, _, err = run_cli("validate", "/dev/zero")  # named by the user: still not read
    assert code == 1 and "/dev/zero" in err + _ and "通常のファイルではありません" in err + _


def test_fifo_does_not_hang(run_cli: Run, folder: Path, bounded: None) -> None:
    os.mkfifo(folder / "pipe.yaml")
    refused(run_cli, with_title(folder, "!include pipe.yaml"), "pipe.yaml", "通常のファイルではありません")


def test_symlink_loop(run_cli: Run, folder: Path) -> None:
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    refused(run_cli, with_title(folder, "!include a.yaml"), "「a.yaml」", "循環")


def test_nul_byte(run_cli: Run, folder: Path) -> None:
    refused(run_cli, with_title(folder, '!include "a\\0b.yaml"'), "m.yaml:26:", "NUL 文字")


def test_over_long_name(run_cli: Run, folder: Path) -> None:
    refused(run_cli, with_title(folder, "!include " + "a" * 300 + ".yaml"), "m.yaml:26:", "長すぎます")


def test_folder_and_missing(run_cli: Run, folder: Path) -> None:
    (folder / "sub").mkdir()
    refused(run_cli, with_title(folder, "!include sub"), "sub」はフォルダです")
    refused(run_cli, with_title(folder, "!include nothing.yaml"), "nothing.yaml", "見つかりません")


def test_unreadable_model_is_japanese(run_cli: Run, folder: Path) -> None:
    if os.getuid() == 0:
        pytest.skip("root reads any file")
    model = with_title(folder, "x")
    model.chmod(0)
    refused(run_cli, model, "m.yaml", "読み取りの権限がありません")


# ---- caps ----
def test_alias_expansion_cap(run_cli: Run, folder: Path, bounded: None) -> None:
    big = "あ" * 1_000_000
    rows = "\n".join("  - item: *big" for _ in range(300))
    model = folder / "alias.yaml"
    model.write_text(f"piagen: 1\nx: &big {big}\nchanges:\n{rows}\n", encoding="utf-8")
    refused(run_cli, model, "alias.yaml:", "文字数が多すぎます")


def test_unbreakable_run_cap(run_cli: Run, folder: Path, bounded: None) -> None:
    refused(
        run_cli,
        with_title(folder, "A" * 100_000),
        "m.yaml:26:",
        "連続が長すぎます",
        f"上限 {caps.MAX_RUN:,} 文字",
    )
    code, _, err = run_cli(
        "render",
        str(with_title(folder, "A" * 100_000)),
        "--allow-errors",
        "--to",
        "html",
        "--out",
        str(folder / "o"),
    )
    assert code == 1 and "連続が長すぎます" in err and not (folder / "o").exists()


def test_japanese_text_breaks_anywhere() -> None:
    assert caps.text_problem("あ" * 5000) is None and caps.text_problem("A " * 5000) is None


def test_integer_of_4301_digits(run_cli: Run, folder: Path, bounded: None) -> None:
    model = folder / "n.yaml"
    model.write_text("piagen: " + "9" * 4301 + "\n", encoding="utf-8")
    refused(run_cli, model, "n.yaml:1:9", "数の桁数が多すぎます")


def test_file_size_cap(run_cli: Run, folder: Path, bounded: None) -> None:
    model = folder / "huge.yaml"
    with open(model, "wb") as fh:
        fh.truncate(source.MAX_BYTES + 1)  # sparse: checked by its size, never read
    refused(run_cli, model, "huge.yaml", "ファイルが大きすぎます")


def test_control_character(run_cli: Run, folder: Path) -> None:
    refused(run_cli, with_title(folder, '"a\\x01b"'), "m.yaml:26:", "制御文字（U+0001）")


# ---- figures ----
def png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_figure_outside_or_absolute(folder: Path) -> None:
    (folder.parent / "x.png").write_bytes(png(2, 2))
    model = with_title(folder, "x")
    for name in ("../x.png", str(folder.parent / "x.png")):
        with pytest.raises(figures.FigureError, match=f"{model}: （別添１）の図「{name}」"):
            figures.checked_figure(model, name)
    assert figures.checked_figure(model, "../x.png", root=folder.parent)[0] == "image/png"


def test_figure_not_an_image_has_no_base64(folder: Path) -> None:
    model = with_title(folder, "x")
    (folder / "fake.png").write_bytes(b"this is not a picture at all" * 50)
    with pytest.raises(figures.FigureError) as caught:
        figures.checked_figure(model, "fake.png")
    message = str(caught.value)
    assert (
        "画像（PNG）として読めません" in message and base64.b64encode(b"this is not").decode() not in message
    )


def test_figure_pixel_and_byte_caps(folder: Path, bounded: None) -> None:
    model = with_title(folder, "x")
    (folder / "wide.png").write_bytes(png(10_000, 5_000))  # 50 M pixels, a small file
    with pytest.raises(figures.FigureError, match="画素数が多すぎます"):
        figures.checked_figure(model, "wide.png")
    with open(folder / "big.png", "wb") as fh:
        fh.truncate(figures.MAX_BYTES + 1)
    with pytest.raises(figures.FigureError, match="ファイルが大きすぎます"):
        figures.checked_figure(model, "big.png")


def test_a_decompression_bomb_figure_is_a_message_not_a_warning(folder: Path) -> None:
    """Over Pillow's own threshold (89 M pixels) Pillow warns; the user gets piagen's message."""
    model = with_title(folder, "x")
    (folder / "bomb.png").write_bytes(png(10_000, 9_500))
    with pytest.raises(figures.FigureError, match="画素数が多すぎます"):
        figures.checked_figure(model, "bomb.png")
