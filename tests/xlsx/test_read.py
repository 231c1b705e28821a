"""`piagen import`: every example's workbook comes back as the part of the model it prints, and edits
made in Excel come back too; bad edits are reported by sheet and cell."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from piagen import checks
from piagen.document import pages
from piagen.model import form, source
from piagen.model.source import json_path
from piagen.render import forms as render
from piagen.render.job import Options
from piagen.xlsx import read as workbook
from piagen.xlsx import write as xlsx
from tests.shared import ROOT, example_models, xlsx_snapshot

KITA = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
CHANGE_KEYS = ("date", "item", "before", "after", "timing", "explanation")
CHANGE_HEADINGS = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")
CASES = [(m, kind) for m in example_models() for kind in render.forms_for(source.load(m).data, "auto")]
IDS = [f"{m.stem}-{kind}" for m, kind in CASES]
MAIN = [(m, kind) for m, kind in CASES if kind != "basic"]


def workbook_of(data: dict[str, Any], kind: form.FormType) -> bytes:
    """The workbook of `render.render`, with the hidden entry keys (ids) that render should pass too."""
    doc = render.document(data, kind)
    return xlsx.render_xlsx(doc, date=render.document_date(data), keys=xlsx.hidden_keys(data))


@cache
def rendered(path: Path, kind: form.FormType) -> bytes:
    return workbook_of(source.load(path).data, kind)


def imported(content: bytes) -> workbook.Imported:
    result = workbook.read(content)
    assert result.ok, [p.format() for p in result.problems]
    return result


# ---- what a workbook prints, according to the layout (not to the importer) ----
def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False or value == {} or value == []


def _normal(value: Any) -> Any:
    """Blank and unticked values print as nothing."""
    if isinstance(value, dict):
        out = {k: _normal(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if not _empty(v)}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def printed(data: dict[str, Any], kind: form.FormType) -> dict[str, Any]:
    """`data` restricted to what the `kind` workbook shows: value rows, table rows, entry headers,
    annex pages, and the hidden entry keys; with the form and version of its stamp."""
    doc = render.document(data, kind)
    rows = [*doc.cover, *(r for b in doc.blocks for r in b.rows)]
    values = {r.path for r in rows if r.cell is not None}
    headers = {r.path for r in rows if r.kind == "group"}
    tables = {
        p: CHANGE_KEYS if b.table.columns == CHANGE_HEADINGS else pages.RECIPIENT_KEYS
        for b in doc.blocks
        if b.table
        for p in b.table.paths
    }
    shown = headers | set(tables) | {xlsx.entry_of(p) for p in values}

    def extra(path: tuple[str | int, ...], value: Any) -> bool:
        entry = xlsx.entry_of(json_path(path))
        if (path[-1] == "id" or xlsx.unprinted(path, value)) and entry and entry in shown:
            return True
        if entry in tables and path[-1] in tables[entry]:
            return True  # a 別紙 or 変更箇所 table row
        if entry in headers and entry == json_path(path[:-1]) and path[-1] in ("title", "name"):
            return True  # 「委託事項1 …」「提供先1 …」
        if len(path) > 2 and path[-2] == "annex_note":
            return json_path((*path[:-2], str(path[-1]))) in headers
        if path[-1] == "count":
            return json_path((*path[:-1], "status")) in values  # 委託の有無 「（ n ）件」
        return path[0] in ("annex_flow", "attachments") and kind in form.forms_of(path[:1])

    def restrict(value: Any, path: tuple[str | int, ...]) -> Any:
        if json_path(path) in values:
            return _normal(value)
        if isinstance(value, dict):
            out = {k: restrict(v, (*path, k)) for k, v in value.items()}
            return {k: v for k, v in out.items() if not _empty(v)}
        if isinstance(value, list):
            entries = [(json_path((*path, i)), restrict(v, (*path, i))) for i, v in enumerate(value)]
            return [v for p, v in entries if p in shown or not _empty(v)]
        return _normal(value) if extra(path, value) else None

    body = {k: v for k, v in data.items() if k not in ("piagen", "form")}
    stamp = {s: v for (k, v), s in form.STAMPS.items() if k == kind}[doc.stamp]
    return {"piagen": 1, "form": {"type": kind, "version": stamp}, **restrict(body, ())}


# ---- round trips of every example ----
@pytest.mark.parametrize(("path", "kind"), MAIN, ids=[f"{m.stem}-{k}" for m, k in MAIN])
def test_import_gives_back_what_the_form_prints(path: Path, kind: form.FormType, tmp_path: Path) -> None:
    data = source.load(path).data
    result = imported(rendered(path, kind))
    assert result.kind == kind
    assert result.data == printed(data, kind)
    # The YAML written by the command loads back unchanged and validates like the original.
    (tmp_path / "m.yaml").write_text(source.dump(result.data), encoding="utf-8")
    doc = source.load(tmp_path / "m.yaml")
    assert doc.data == result.data
    (tmp_path / "o.yaml").write_text(source.dump(printed(data, kind)), encoding="utf-8")
    expected = checks.validate(source.load(tmp_path / "o.yaml"))
    assert [(p.path, p.message) for p in checks.validate(doc)] == [(p.path, p.message) for p in expected]


@pytest.mark.parametrize(("path", "kind"), CASES, ids=IDS)
def test_rerendering_the_import_gives_the_same_workbook(path: Path, kind: form.FormType) -> None:
    content = rendered(path, kind)
    again = workbook_of(imported(content).data, kind)
    assert xlsx_snapshot(again) == xlsx_snapshot(content)
    assert _hidden_cells(again) == _hidden_cells(content)


def _hidden_cells(content: bytes) -> list[tuple[str, str, Any]]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return [
        (ws.title, c.coordinate, c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and ws.column_dimensions[get_column_letter(c.column)].hidden
    ]


def without_keys(content: bytes) -> str:
    """The snapshot of a workbook without its hidden entry keys (JSON in a hidden column)."""
    wb = openpyxl.load_workbook(io.BytesIO(content))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if str(c.value).startswith("{") and ws.column_dimensions[get_column_letter(c.column)].hidden:
                    c.value = None
    out = io.BytesIO()
    wb.save(out)
    return xlsx_snapshot(out.getvalue())


def test_render_command_workbook_matches_the_one_imported_here() -> None:
    """`render.render` writes the same cells as `workbook_of`, hidden entry keys aside."""
    plain = render.render(source.load(KITA).data, "focused", ("xlsx",))["xlsx"]
    assert without_keys(plain) == without_keys(rendered(KITA, "focused"))


def test_entries_without_recorded_ids_are_given_ids_with_one_warning() -> None:
    data = source.load(KITA).data
    bare = xlsx.render_xlsx(render.document(data, "focused"), date=render.document_date(data))
    result = workbook.read(bare)
    assert [p.format() for p in result.problems] == [
        "警告: 識別子（id）が記録されていない項目が11件あり、system-1 などの id を付けました。"
        "前の版と比べる（piagen diff）ときは、元のモデルの id に直してください。"
    ]
    assert [s["id"] for s in result.data["basic_info"]["systems"]] == [f"system-{n}" for n in (1, 2, 3, 4)]
    assert result.data["files"][0]["id"] == "file-1"
    assert result.data["files"][0]["entrustment"]["items"][0]["id"] == "item-1"
    assert _without_ids(result.data) == _without_ids(printed(data, "focused"))


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_basic_only_items_do_not_come_back_from_a_full_workbook() -> None:
    path = ROOT / "examples" / "takatsuki-juki.yaml"
    data = source.load(path).data
    assert data["basic"] and data["threshold"]["handlers"]
    result = imported(rendered(path, "full")).data
    assert "basic" not in result
    assert result["threshold"] == {"people": {"band": data["threshold"]["people"]["band"]}}
    assert "basic_version" not in result["form"]


def test_a_basic_workbook_gives_a_basic_model_with_only_stated_basic_items() -> None:
    data = source.load(KITA).data
    result = imported(rendered(KITA, "basic")).data
    assert result["form"] == {"type": "basic", "basic_version": "H31.1"}
    # 事務の概要 is printed from Ⅰ１．②; a basic model has no Ⅰ１．②, so it is stated.
    assert result["basic"]["task_summary"] == data["basic_info"]["task"]["description"]
    assert "files" not in result


# ---- edits made in Excel ----
def edited(content: bytes, change: Callable[[Workbook], None]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(wb: Workbook, path: str) -> tuple[Worksheet, int]:
    for ws in wb.worksheets:
        for (cell,) in ws.iter_rows(min_col=4, max_col=4):
            if cell.value == path:
                return ws, cell.row
    raise AssertionError(path)


def test_edits_come_back() -> None:
    def change(wb: Workbook) -> None:
        ws, r = row_of(wb, "$.basic_info.task.name")
        ws.cell(r, 2).value = "予防接種事務（改）"
        ws, r = row_of(wb, "$.files[0].basic.type")
        ws.cell(r, 2).value = "その他の電子ファイル（表計算ファイル等）"
        ws, r = row_of(wb, "$.basic_info.systems[0].connections#情報提供ネットワークシステム")
        ws.cell(r, 2).value = "○"
        ws, r = row_of(wb, "$.basic_info.systems[0].connections#その他")
        ws.cell(r, 2).value, ws.cell(r, 3).value = "○", "福祉システム"
        ws, r = row_of(wb, "$.basic_info.systems[2].connections#その他")
        ws.cell(r, 2).value = ws.cell(r, 3).value = None
        ws, r = row_of(wb, "$.files[0].entrustment.status")
        ws.cell(r, 3).value = ws.cell(r, 3).value.replace("（ 4 ）件", "（ 5 ）件")
        changes = next(ws for ws in wb.worksheets if ws.cell(2, 7).value == "$.changes")
        new = ("令和7年4月1日", "Ⅰ １．①事務の名称", "予防接種に関する事務", "予防接種事務（改）", "事後", "")
        for col, text in enumerate(new, start=1):
            changes.cell(changes.max_row + (col == 1), col).value = text or None

    data = source.load(KITA).data
    result = imported(edited(rendered(KITA, "focused"), change)).data
    expected = printed(data, "focused")
    expected["basic_info"]["task"]["name"] = "予防接種事務（改）"
    expected["files"][0]["basic"]["type"] = "その他の電子ファイル（表計算ファイル等）"
    expected["basic_info"]["systems"][0]["connections"] = {
        "情報提供ネットワークシステム": True,
        "庁内連携システム": True,
        "宛名システム等": True,
        "その他": "福祉システム",
    }
    del expected["basic_info"]["systems"][2]["connections"]
    expected["files"][0]["entrustment"]["count"] = 5
    expected["changes"].append(
        {
            "date": "令和7年4月1日",
            "item": "Ⅰ １．①事務の名称",
            "before": "予防接種に関する事務",
            "after": "予防接種事務（改）",
            "timing": "事後",
        }
    )
    assert result == expected


def test_formula_like_text_stays_text() -> None:
    data = copy.deepcopy(source.load(KITA).data)
    data["basic_info"]["task"]["name"] = "=SUM(A1)"
    data["changes"][0]["before"] = "+81-3"
    content = workbook_of(data, "focused")
    assert imported(content).data == printed(data, "focused")
    # Saved again by a spreadsheet program (openpyxl here) after an unrelated edit: still text.
    again = edited(content, lambda wb: None)
    result = imported(again).data
    assert result["basic_info"]["task"]["name"] == "=SUM(A1)"
    assert result["changes"][0]["before"] == "+81-3"


def _problems(change: Callable[[Workbook], None]) -> tuple[list[str], str, int]:
    holder: dict[str, Any] = {}

    def run(wb: Workbook) -> None:
        ws, r = row_of(wb, "$.files[0].basic.type")
        holder["sheet"], holder["row"] = ws.title, r
        change(wb)

    result = workbook.read(edited(rendered(KITA, "focused"), run))
    assert not result.ok
    return [p.format() for p in result.problems], holder["sheet"], holder["row"]


def test_a_value_that_is_not_an_option_is_reported_by_cell() -> None:
    messages, sheet, r = _problems(lambda wb: _set(wb, "$.files[0].basic.type", 2, "紙ファイル"))
    assert sheet == "Ⅱ特定個人情報ファイルの概要"
    assert messages == [
        f"Ⅱ特定個人情報ファイルの概要 シートの B{r}: 「①ファイルの種類」の「紙ファイル」は選択肢にありません。"
        "選択肢から選んでください: 1) システム用ファイル、2) その他の電子ファイル（表計算ファイル等）"
    ]


def test_a_path_that_is_not_in_the_form_is_reported_by_cell() -> None:
    messages, sheet, r = _problems(lambda wb: _set(wb, "$.files[0].basic.type", 4, "$.files[0].basic.kind"))
    assert messages == [
        f"{sheet} シートの D{r}: 隠し列の項目のパス「$.files[0].basic.kind」は様式にありません。"
        "行を追加・削除・移動せず、値の列だけを編集してください。"
    ]


def test_bad_ticks_counts_and_duplicates_are_reported() -> None:
    def change(wb: Workbook) -> None:
        _set(wb, "$.basic_info.systems[0].connections#税務システム", 2, "x")
        _set(wb, "$.basic_info.systems[0].connections#住民基本台帳ネットワークシステム", 3, "理由")
        _set(wb, "$.files[0].provision.status#提供を行っている", 3, "多数")
        ws, r = row_of(wb, "$.files[0].name")
        ws.cell(r, 2).value = "別の名前"  # printed again in Ⅲ

    result = workbook.read(edited(rendered(KITA, "focused"), change))
    messages = [p.message for p in result.problems]
    assert messages[:3] == [
        "「住民基本台帳ネットワークシステム」に記入がありますが、B 列に ○ がありません。",
        "○ を付けるか空欄にしてください（いまは「x」）。",
        "「提供を行っている」の（　）には件数（数字）だけを書けます（いまは「多数」）。",
    ]
    assert messages[3].startswith("同じ項目が Ⅱ特定個人情報ファイルの概要 シートの B")
    assert messages[3].endswith("にもあり、値が違います。どちらかに揃えてください。")


def test_edits_in_a_besshi_table_come_back() -> None:
    path = ROOT / "examples" / "takatsuki-juki.yaml"

    def change(wb: Workbook) -> None:
        ws = next(ws for ws in wb.worksheets if ws.cell(2, 10).value == "$.files[0].provision.recipients")
        ws["H3"] = "専用線、その他（メール便（暗号化））"
        new = ws.max_row + 1
        ws.cell(new, 2).value, ws.cell(new, 6).value, ws.cell(new, 8).value = (
            "新しい提供先",
            "1万人未満",
            "紙",
        )

    data = source.load(path).data
    result = workbook.read(edited(rendered(path, "full"), change))
    assert result.ok
    recipients = result.data["files"][0]["provision"]["recipients"]
    expected = printed(data, "full")["files"][0]["provision"]["recipients"]
    expected[0]["methods"] = {"専用線": True, "その他": "メール便（暗号化）"}
    n = len(expected) + 1
    expected.append(
        {"id": f"recipient-{n}", "name": "新しい提供先", "people": "1万人未満", "methods": {"紙": True}}
    )
    assert recipients == expected
    assert [p.message for p in result.problems][0].startswith("識別子（id）が記録されていない項目が1件あり、")

    bad = workbook.read(edited(rendered(path, "full"), lambda wb: wb.worksheets[-3].cell(3, 8, "伝書鳩")))
    assert [p.format() for p in bad.problems] == [
        f"{bad_sheet(path)} シートの H3: 「伝書鳩」を読めません。選択肢（情報提供ネットワークシステム、専用線、電子メール、"
        "電子記録媒体（フラッシュメモリを除く。）、フラッシュメモリ、紙、その他）を「、」で区切り、記入は（　）に書いてください。"
    ]


def bad_sheet(path: Path) -> str:
    """The second-to-last printed sheet (the hidden 選択肢 list sheet comes last)."""
    return str(openpyxl.load_workbook(io.BytesIO(rendered(path, "full"))).worksheets[-3].title)


def _set(wb: Workbook, path: str, col: int, value: Any) -> None:
    ws, r = row_of(wb, path)
    ws.cell(r, col).value = value


def test_a_public_edition_or_another_file_is_refused() -> None:
    data = source.load(KITA).data
    secret = {**data, "withheld": [{"path": "files.0.storage.location", "reason": "セキュリティ"}]}
    public = render.render(secret, "focused", ("xlsx",), Options(which="public"))
    assert [p.format() for p in workbook.read(public["xlsx"]).problems] == [
        "公表版の Excel からは取り込めません（非公表部分が【非公表】に置き換わっています）。提出版を使ってください。"
    ]
    assert not workbook.read(b"not a workbook").ok
    blank = io.BytesIO()
    openpyxl.Workbook().save(blank)
    assert [p.message for p in workbook.read(blank.getvalue()).problems] == [
        "piagen が出力した評価書の Excel ではありません（表紙 A1 に様式の表示がありません）。"
    ]


def test_withheld_items_are_named_as_not_imported() -> None:
    data = {
        **source.load(KITA).data,
        "withheld": [{"path": "files.0.storage.location", "reason": "セキュリティ"}],
    }
    result = workbook.read(render.render(data, "focused", ("xlsx",))["xlsx"])
    assert result.ok and "withheld" not in result.data
    assert (
        "非公表とする項目（withheld）は Excel から取り込めません。元のモデルの withheld: を写してください。"
        in [p.message for p in result.problems]
    )


# ---- the command ----
def test_import_command_writes_the_model(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "k.xlsx"
    book.write_bytes(rendered(KITA, "focused"))
    out = tmp_path / "model.yaml"
    code, stdout, _ = run_cli("import", str(book), "-o", str(out))
    assert (code, stdout) == (0, f"出力: {out}\n")
    assert source.load(out).data == printed(source.load(KITA).data, "focused")
    code, _, err = run_cli("import", str(book), "-o", str(out))
    assert (code, err) == (2, f"{out} は既にあります。上書きするには --force を付けてください。\n")
    out.write_text("old", encoding="utf-8")
    assert run_cli("import", str(book), "-o", str(out), "--force")[0] == 0
    assert out.read_text(encoding="utf-8") != "old"


def test_import_command_writes_nothing_on_errors(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "k.xlsx"
    book.write_bytes(edited(rendered(KITA, "focused"), lambda wb: _set(wb, "$.files[0].basic.type", 2, "紙")))
    out = tmp_path / "model.yaml"
    code, _, err = run_cli("import", str(book), "-o", str(out))
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{book}: Ⅱ特定個人情報ファイルの概要 シートの B")
    assert lines[1:] == ["エラーが1件あるため書き出しません。"]
    assert not out.exists()
    code, _, err = run_cli("import", str(tmp_path / "missing.xlsx"), "-o", str(out))
    assert (
        code == 1
        and err == f"{tmp_path / 'missing.xlsx'}: ファイルが見つかりません。パスを確認してください。\n"
    )
