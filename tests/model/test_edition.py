"""Editions: nothing withheld reaches the 公表版, the 提出版 shows and labels it, and the 意見募集 draft.

The leak test withholds random items of every real example (fixed seed) and searches every output a
reader gets for any distinctive part of the withheld text: the HTML, the PDF text, metadata and
attached model, and every cell of every sheet of the Excel workbook (hidden columns included).
"""

from __future__ import annotations

import copy
import html
import io
import random
import re
import subprocess
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from piagen import checks
from piagen.document import pages
from piagen.model import edition, form, source
from piagen.model.source import json_path
from piagen.render import forms as render
from tests.shared import EXAMPLES, ROOT, example_models

SEED = 20250120
ROUNDS = 3  # rounds of random picks per form (HTML every round, Excel in the first)
PICKS = 5  # items withheld together in one round
RUN = 12  # a withheld text is "distinctive" in runs of this many characters (white space removed)
PDF_MODELS = ("kitakyushu-shingata-influenza", "takatsuki-yobou-sesshu")  # PDF is slow: two examples
NOT_PRINTED = {"piagen", "form", "changes", "withheld", "consultation", "revision"}
Path_ = tuple[str | int, ...]

CASES = [(m.stem, kind) for m in example_models() for kind in render.forms_for(source.load(m).data, "auto")]
IDS = [f"{name}-{kind}" for name, kind in CASES]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def example(name: str) -> dict[str, Any]:
    return source.load(EXAMPLES / f"{name}.yaml").data  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def static_text() -> str:
    """Everything piagen prints whatever the model says: labels, options, headings and notices."""
    files = [
        *(ROOT / "schema").glob("*.yaml"),
        *(ROOT / "templates").glob("*"),
        *(ROOT / "src" / "piagen").glob("*.py"),
    ]
    return squash("\x00".join(f.read_text(encoding="utf-8") for f in files))


def leaves(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from leaves(child, (*path, i))
    elif isinstance(value, str):
        yield path, value


def items(data: dict[str, Any]) -> list[tuple[Path_, str]]:
    """The printed text items of a model; the 変更箇所 rows are not items but quotations of them."""
    return [(p, v) for p, v in leaves(data) if p[0] not in NOT_PRINTED and p[:2] != ("basic", "changes")]


def page_text(data: bytes) -> str:
    return squash(html.unescape(data.decode("utf-8")))


@cache
def printed(name: str, kind: str) -> str:
    return page_text(render.render(example(name), kind, ("html",))["html"])  # type: ignore[arg-type]


@cache
def candidates(name: str, kind: str) -> tuple[tuple[Path_, str], ...]:
    """Items printed in this form whose value has ≥10 characters, occurs once in the model and is not
    just form wording (a choice such as 10万人以上30万人未満 is printed among the ＜選択肢＞ anyway)."""
    texts = items(example(name))
    corpus = "\x00".join(squash(v) for _, v in texts)
    shown = printed(name, kind)
    return tuple(
        (p, v)
        for p, v in texts
        if len(v.strip()) >= 10
        and corpus.count(squash(v)) == 1
        and squash(v) in shown
        and squash(v) not in static_text()
    )


def picks(name: str, kind: str, round_: int, n: int = PICKS) -> list[tuple[Path_, str]]:
    rng = random.Random(f"{SEED}-{name}-{kind}-{round_}")
    pool = candidates(name, kind)
    return rng.sample(pool, min(n, len(pool)))


def reason(i: int) -> str:
    return f"セキュリティ上のリスク{i + 1}"


def withholding(name: str, chosen: list[tuple[Path_, str]]) -> dict[str, Any]:
    data = copy.deepcopy(example(name))
    data["withheld"] = [
        {"path": ".".join(map(str, p)), "reason": reason(i)} for i, (p, _) in enumerate(chosen)
    ]
    return data


def distinctive(name: str, chosen: list[tuple[Path_, str]]) -> set[str]:
    """Runs of the withheld texts found in no other item of the model and in no label of any form."""
    paths = {p for p, _ in chosen}
    # A ticked option with its text prints as 「その他（…）」: that wording belongs to the option.
    others = "\x00".join(
        squash(f"{p[-1]}（{v}）" if p[-1] in form.check_options(p[:-1]) else v)
        for p, v in items(example(name))
        if p not in paths
    )
    runs: set[str] = set()
    for _, value in chosen:
        s = squash(value)
        parts = [s] if len(s) <= RUN else [s[i : i + RUN] for i in range(len(s) - RUN + 1)]
        runs.update(r for r in parts if r not in others and r not in static_text())
    return runs


def workbook_text(data: bytes) -> str:
    """Every cell of every sheet (hidden columns and rows included), sheet names and properties."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    out = [str(wb.properties.title or ""), str(wb.properties.creator or ""), str(wb.properties.subject or "")]
    for ws in wb.worksheets:
        out.append(ws.title)
        out.extend(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    return squash("\x00".join(out))


def leaked(runs: set[str], text: str) -> list[str]:
    return sorted(r for r in runs if r in text)


def test_every_form_has_candidates() -> None:
    assert all(len(candidates(name, kind)) >= PICKS for name, kind in CASES), [
        (n, k, len(candidates(n, k))) for n, k in CASES
    ]


# ---- the 公表版: nothing withheld in HTML or Excel, for every example and form ----
@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_public_html_and_excel_withhold(name: str, kind: str) -> None:
    for round_ in range(ROUNDS):
        chosen = picks(name, kind, round_)
        data = withholding(name, chosen)
        formats = ("html", "xlsx") if round_ == 0 else ("html",)
        out = render.render(data, kind, formats, which="public")  # type: ignore[arg-type]
        runs = distinctive(name, chosen)
        assert runs, chosen
        page = page_text(out["html"])
        assert leaked(runs, page) == [], (round_, chosen)
        assert edition.MARKER in page and squash(edition.MARKER_NOTE) in page
        if "xlsx" in out:
            book = workbook_text(out["xlsx"])
            assert leaked(runs, book) == [], chosen
            assert edition.MARKER in book and squash(edition.MARKER_NOTE) in book
        doc = render.document(data, kind, "public")  # type: ignore[arg-type]
        cells = {r.path: r.cell.text for r in rows_of(doc) if r.cell is not None}
        for path, _ in chosen:
            if json_path(path) in cells:
                assert cells[json_path(path)] == edition.MARKER


def rows_of(doc: pages.Document) -> list[Any]:
    return [*doc.cover, *(r for b in doc.blocks for r in b.rows)]


# ---- the 公表版 as PDF: text, metadata and the attached model ----
def pdf_outputs(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "public.pdf"
    path.write_bytes(pdf)

    def tool(*args: str) -> str:
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    saved = tmp_path / "attached"
    saved.mkdir()
    tool("pdfdetach", "-saveall", "-o", str(saved), str(path))
    attached = {f.name: f.read_text(encoding="utf-8") for f in saved.iterdir()}
    return {
        "text": squash(tool("pdftotext", "-enc", "UTF-8", str(path), "-")),
        "info": squash(
            tool("pdfinfo", "-enc", "UTF-8", str(path)) + tool("pdfinfo", "-enc", "UTF-8", "-meta", str(path))
        ),
        "attached": squash("\x00".join(attached.values())),
        "names": " ".join(sorted(attached)),
    }


PDF_CASES = [(n, k) for n, k in CASES if n in PDF_MODELS]


@pytest.mark.parametrize(("name", "kind"), PDF_CASES, ids=[f"{n}-{k}" for n, k in PDF_CASES])
def test_public_pdf_withholds(name: str, kind: str, tmp_path: Path) -> None:
    chosen = picks(name, kind, 0, PICKS + 1)
    title = (("cover", "title"), example(name)["cover"]["title"])
    if title in candidates(name, kind) and title not in chosen:
        chosen[-1] = title  # the title also goes into the PDF metadata and the running header
    data = withholding(name, chosen)
    pdf = render.render(data, kind, ("pdf",), model_yaml=source.dump(data), which="public")["pdf"]  # type: ignore[arg-type]
    out = pdf_outputs(pdf, tmp_path)
    runs = distinctive(name, chosen)
    assert out["names"] == "model.yaml"
    for where in ("text", "info", "attached"):
        assert leaked(runs, out[where]) == [], (where, chosen)
    assert edition.MARKER in out["text"] and squash(edition.MARKER_NOTE) in out["text"]
    if title in chosen:
        assert "Title:【非公表】" in out["info"]
    # The extraction would have shown them: items not withheld are found in the same outputs.
    kept = [item for item in candidates(name, kind) if item not in chosen and distinctive(name, [item])][:3]
    assert all(leaked(distinctive(name, [item]), out["text"]) for item in kept)
    assert all(squash(v) in out["attached"] for _, v in kept)
    redacted = edition.public(data)  # the attachment is the redacted model
    assert out["attached"] == squash(source.dump(redacted))
    assert not {"revision", "consultation", "withheld"} & set(redacted)


# ---- the 提出版: every withheld value shown, labelled with its reason ----
@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_internal_edition_shows_and_labels(name: str, kind: str) -> None:
    labelled = 0
    for round_ in range(ROUNDS):
        chosen = picks(name, kind, round_)
        data = withholding(name, chosen)
        page = page_text(render.render(data, kind, ("html",), which="internal")["html"])  # type: ignore[arg-type]
        assert edition.MARKER not in page
        doc = render.document(data, kind, "internal")  # type: ignore[arg-type]
        labels = {r.path: r.label for r in rows_of(doc)}
        for i, (path, value) in enumerate(chosen):
            assert squash(value) in page, path
            if json_path(path) in labels:  # an item printed on a row of its own
                assert labels[json_path(path)].endswith(f"\n［公表版では非公表：{reason(i)}］")
                assert squash(f"［公表版では非公表：{reason(i)}］") in page
                labelled += 1
    assert labelled > 0


@pytest.mark.parametrize(
    ("name", "kind", "path"),
    [
        pytest.param(
            "kawasaki-kenko-zoshin", "basic", "basic_info.task.description", id="basic-form-derived-row"
        ),
        pytest.param(
            "kawasaki-kenko-zoshin",
            "full",
            "files.0.entrustment.items.0.delivery.その他",
            id="check-box-text",
        ),
        pytest.param(
            "takatsuki-juki", "full", "files.0.provision.recipients.30.purpose", id="annex-table-cell"
        ),
        pytest.param("kawasaki-kenko-zoshin", "full", "annex_flow.0.figure_text", id="flow-figure-text"),
    ],
)
def test_internal_edition_labels_every_withheld_item(name: str, kind: str, path: str) -> None:
    data = copy.deepcopy(example(name))
    data["withheld"] = [{"path": path, "reason": "セキュリティ上のリスク"}]
    page = page_text(render.render(data, kind, ("html",), which="internal")["html"])  # type: ignore[arg-type]
    assert "［公表版では非公表：セキュリティ上のリスク］" in page


# ---- deterministic cases ----
KAWASAKI = "kawasaki-kenko-zoshin"
LOCATION = "files.0.storage.location"


def kawasaki_withholding(**extra: Any) -> dict[str, Any]:
    data = copy.deepcopy(example(KAWASAKI))
    data["withheld"] = [{"path": LOCATION, "reason": "セキュリティ上のリスク"}]
    data.update(extra)
    return data


def test_change_rows_quoting_a_withheld_item_are_withheld() -> None:
    """別添３ row 27 records the 保管場所 before and after: both cells quote the withheld text."""
    data = kawasaki_withholding()
    assert data["changes"][26]["item"].endswith("①保管場所")
    public = edition.public(data)
    row = public["changes"][26]
    assert (row["before"], row["after"]) == (edition.MARKER, edition.MARKER)
    assert row["date"] == data["changes"][26]["date"] and row["item"] == data["changes"][26]["item"]
    assert public["changes"][25] == data["changes"][25]
    internal = render.render(data, "full", ("html",), which="internal")["html"].decode("utf-8")
    assert html.escape(data["changes"][26]["after"].splitlines()[0], quote=False) in internal


def test_withheld_path_by_id() -> None:
    data = copy.deepcopy(example(KAWASAKI))
    data["withheld"] = [
        {"path": "files.seijin-kenshin.entrustment.items.unyo-hoshu.contractor", "reason": "理由"}
    ]
    assert edition.public(data)["files"][0]["entrustment"]["items"][0]["contractor"] == edition.MARKER


def secret() -> str:
    return str(example(KAWASAKI)["files"][0]["storage"]["location"])


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(
            {"revision": {"causes": [{"id": "c1", "text": "保管場所の変更", "reason": secret()}]}},
            id="revision-reason",
        ),
        pytest.param({"consultation": {"departments": secret()}}, id="consultation"),
    ],
)
def test_unprinted_sections_quoting_a_withheld_item_leak_nothing(extra: dict[str, Any]) -> None:
    """Unprinted settings do not count as published text, so the 変更箇所 rows quoting the withheld
    item are still withheld, and the settings themselves are not in the 公表版 model."""
    data = kawasaki_withholding(**extra)
    runs = distinctive(KAWASAKI, [(("files", 0, "storage", "location"), secret())])
    assert runs
    out = render.render(data, "full", ("html",), which="public")["html"]
    assert leaked(runs, page_text(out)) == []
    public = edition.public(data)
    assert leaked(runs, squash(source.dump(public))) == []
    assert not {"revision", "consultation", "withheld"} & set(public)
    assert public["changes"][26]["after"] == edition.MARKER


# ---- a withheld path that names nothing ----
def bad_model(tmp_path: Path) -> Path:
    data = copy.deepcopy(example("kitakyushu-shingata-influenza"))
    data["withheld"] = [{"path": "files.0.storage.nowhere", "reason": "セキュリティ上のリスク"}]
    path = tmp_path / "bad.yaml"
    path.write_text(source.dump(data), encoding="utf-8")
    return path


MESSAGE = (
    "「files.0.storage.nowhere」はモデルにない項目です。例: files.0.storage.location（リストは番号か id）。"
)


def test_bad_withheld_path_is_a_validation_error(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = bad_model(tmp_path)
    errors = [p for p in checks.validate(source.load(path)) if p.severity == "error"]
    assert [(p.path, p.label, p.message) for p in errors] == [
        ("$.withheld[0].path", "非公表とする項目", MESSAGE)
    ]
    code, out, _ = run_cli("validate", str(path))
    assert code == 1
    assert f"非公表とする項目 ($.withheld[0].path): {MESSAGE}" in out
    code, _, err = run_cli(
        "render", str(path), "--edition", "public", "--to", "html", "--out", str(tmp_path / "out")
    )
    assert code == 1
    assert MESSAGE in err and "エラーが1件あるため出力しません（--allow-errors で出力できます）。" in err
    assert not (tmp_path / "out").exists()


def test_bad_withheld_path_with_allow_errors(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli(
        "render",
        str(bad_model(tmp_path)),
        "--edition",
        "public",
        "--allow-errors",
        "--to",
        "html",
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 1 and "内部エラー" not in err
    assert (
        "公表しない部分の「files.0.storage.nowhere」はモデルにない項目です。piagen validate で確認してください。"
        in err
    )
    assert not (tmp_path / "out").exists()


# ---- the 意見募集 draft ----
WATERMARK = '<div class="watermark" aria-hidden="true">案</div>'
NOTICE = "本書は、国民・住民等からの意見の聴取（意見募集）のための評価書の案です。"


def test_comment_draft_has_watermark_and_notice() -> None:
    data = example(KAWASAKI)
    method = data["procedure"]["public_comment"]["method"]
    out = render.render(data, "full", ("html", "xlsx"), which="public", draft=True)
    page = out["html"].decode("utf-8")
    assert WATERMARK in page
    for line in (
        NOTICE,
        "意見募集の期間: 令和6年10月9日から11月8日までの30日間",
        f"意見の提出方法: {method}",
    ):
        assert f'<p class="notice">{html.escape(line)}</p>' in page
        assert squash(line) in workbook_text(out["xlsx"])
    plain = render.render(data, "full", ("html",), which="public")["html"].decode("utf-8")
    assert WATERMARK not in plain and NOTICE not in plain


def test_comment_draft_without_a_period_says_undecided() -> None:
    doc = render.document(example("kitakyushu-shingata-influenza"), "focused", "public", draft=True)
    assert doc.watermark == "案"
    assert doc.notes == (NOTICE, "意見募集の期間: （未定）", "意見の提出方法: （未定）")


def test_comment_draft_keeps_the_withheld_note() -> None:
    data = kawasaki_withholding()
    doc = render.document(data, "full", "public", draft=True)
    assert doc.notes[-1] == edition.MARKER_NOTE and doc.notes[0] == NOTICE


def test_render_cli_public_draft(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    code, stdout, _ = run_cli(
        "render",
        str(EXAMPLES / f"{KAWASAKI}.yaml"),
        "--edition",
        "public",
        "--draft",
        "--to",
        "html",
        "--out",
        str(out),
    )
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{KAWASAKI}-basic-draft.html", f"{KAWASAKI}-full-draft.html"]
    assert stdout.splitlines() == [f"出力: {out / n}" for n in names]
    for name in names:
        page = (out / name).read_text(encoding="utf-8")
        assert WATERMARK in page and NOTICE in page
