"""`piagen import` of inputs that are not a readable published 評価書: a Japanese message, exit 1, no
traceback and no model written."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from piagen.importers import pdf, text


def minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (a content stream), xref offsets computed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


TEXT_PDF = minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Minutes of the meeting) Tj ET")
BLANK_PDF = minimal_pdf(b"")  # a scan's page: no text layer


def encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(TEXT_PDF))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "not-assessment-pdf": ("x.pdf", lambda: TEXT_PDF, "特定個人情報保護評価書が見つかりません"),
    "not-assessment-text": (
        "x.txt",
        lambda: "議事録\n第１回 審議会\n委員長あいさつ\n".encode(),
        "特定個人情報保護評価書が見つかりません",
    ),
    "scanned": ("scan.pdf", lambda: BLANK_PDF, "PDF に文字がありません"),
    "encrypted": ("locked.pdf", encrypted_pdf, "暗号化"),
    "truncated": ("cut.pdf", lambda: TEXT_PDF[: len(TEXT_PDF) // 2], "PDF として読めません"),
    "empty-pdf": ("empty.pdf", lambda: b"", "空"),
    "empty-text": ("empty.txt", lambda: b"", "空"),
    "not-utf8": ("sjis.txt", lambda: "評価書".encode("shift_jis"), "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_in_japanese(
    case: str, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    name, make, expected = CASES[case]
    source = tmp_path / name
    source.write_bytes(make())
    out = tmp_path / "model.yaml"
    code, stdout, err = run_cli("import", str(source), "-o", str(out))
    assert code == 1, (stdout, err)
    assert expected in err, err
    assert str(source) in err or name in err
    assert "Traceback" not in err + stdout
    assert not list(tmp_path.glob("model*.yaml"))


@pytest.mark.parametrize("module, name", [(pdf, "big.pdf"), (text, "big.txt")])
def test_huge_input_is_refused_before_reading(
    module: object,
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., tuple[int, str, str]],
) -> None:
    monkeypatch.setattr(module, "MAX_BYTES", 1000)
    source = tmp_path / name
    source.write_bytes((TEXT_PDF if name.endswith(".pdf") else b"x" * 10) * 200)
    code, _, err = run_cli("import", str(source), "-o", str(tmp_path / "model.yaml"))
    assert code == 1 and "大きすぎます" in err and "Traceback" not in err
    assert not (tmp_path / "model.yaml").exists()
