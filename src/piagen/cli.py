"""Command line: each command loads its input, calls one library function and writes the result."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from piagen import __version__, dates, form, model, source, threshold
from piagen.errors import ModelError, PiagenError, Problem, UsageError

if TYPE_CHECKING:  # (pdfjobs is imported only by a render that writes a PDF)
    from piagen.pdfjobs import Layouts

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="特定個人情報保護評価書（マイナンバーPIA）を YAML モデルから検証・判断・出力します。",
)


class Format(str, Enum):
    text = "text"
    json = "json"


def _echo(text: str = "", err: bool = False) -> None:
    typer.echo(text, err=err)


def _load_and_validate(path: Path) -> tuple[source.Document | None, list[Problem]]:
    try:
        doc = source.load(path)
    except ModelError as exc:
        return None, exc.problems
    return doc, model.validate(doc)


@app.command()
def validate(
    models: Annotated[list[Path], typer.Argument(help="検証するモデル（YAML）", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", help="出力形式")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告も失敗として扱う")] = False,
) -> None:
    """モデルを様式のスキーマと整合性ルールで検証する（全ての問題を表示）。"""
    problems: list[Problem] = []
    for path in models:
        problems.extend(_load_and_validate(path)[1])
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt is Format.json:
        _echo(json.dumps({"problems": [_problem_json(p) for p in problems]}, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            _echo(p.format())
        _echo(f"{len(models)}件のモデルを検証: エラー {errors}件、警告 {warnings}件", err=bool(problems))
    if errors or (strict and warnings):
        raise typer.Exit(1)


def _problem_json(p: Problem) -> dict[str, Any]:
    return {
        "file": p.file,
        "line": p.line,
        "column": p.column,
        "path": p.path,
        "label": p.label,
        "severity": p.severity,
        "message": p.message,
    }


@app.command("threshold")
def threshold_cmd(
    model_path: Annotated[
        Path | None, typer.Argument(metavar="MODEL", help="モデル（省略時は --people で判断）")
    ] = None,
    people: Annotated[int | None, typer.Option("--people", help="対象人数", min=0)] = None,
    handlers: Annotated[int | None, typer.Option("--handlers", help="取扱者数", min=0)] = None,
    incident: Annotated[
        bool | None,
        typer.Option(
            "--incident/--no-incident", help="過去1年以内の特定個人情報に関する重大事故の有無（省略時は不明）"
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="出力形式")] = Format.text,
) -> None:
    """しきい値判断: 義務付けられる評価と、その根拠となったルールを示す。"""
    if (model_path is None) == (people is None):
        raise UsageError(
            "モデルか --people のどちらか一方を指定してください（例: piagen threshold --people 350000 --handlers 120）。"
        )
    stated: str | None = None
    if model_path is not None:
        doc = source.load(model_path)
        decision = threshold.from_model(doc.data if isinstance(doc.data, dict) else {})
        if decision is None:
            raise PiagenError(
                f"{model_path}: しきい値判断項目の対象人数（threshold.people）がないため判断できません。"
            )
        stated = _stated(doc.data)
    else:
        assert people is not None
        decision = threshold.decide(
            threshold.band_of(people), None if handlers is None else handlers >= 500, incident
        )
    agrees = stated is None or threshold.result_of_wording(stated) in decision.possible
    _print_decision(decision, stated, agrees, fmt)
    if not agrees:
        raise typer.Exit(1)


def _stated(data: Any) -> str | None:
    value = (
        data.get("procedure", {}).get("basic_assessment", {}).get("result")
        if isinstance(data, dict)
        else None
    )
    if not isinstance(value, str):
        value = data.get("basic", {}).get("threshold_result") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _print_decision(decision: threshold.Decision, stated: str | None, agrees: bool, fmt: Format) -> None:
    if fmt is Format.json:
        out = {
            "result": decision.result if decision.certain else None,
            "possible": list(decision.possible),
            "wording": threshold.wording(decision.result, "basic"),
            "rule": decision.rule,
            "missing": list(decision.missing),
            "voluntary": decision.voluntary(),
            "stated": stated,
            "stated_agrees": agrees if stated is not None else None,
        }
        _echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if decision.certain:
        _echo(f"結果: {decision.result}（{threshold.wording(decision.result, 'basic')}）")
    else:
        options = " または ".join(f"{r}（{threshold.wording(r, 'basic')}）" for r in decision.possible)
        _echo(f"結果: {options}")
        _echo(f"未確定: {'・'.join(decision.missing)}が分からないため結果が決まりません。")
    _echo(f"根拠: {decision.rule}")
    if decision.voluntary():
        _echo(f"任意に実施できる評価: {'、'.join(decision.voluntary())}")
    if stated is not None:
        verdict = "計算と一致" if agrees else "計算と不一致"
        _echo(f"評価書の記載: {stated}（{verdict}）")


def _figures(doc: source.Document, model_path: Path) -> dict[str, str]:
    """Read the （別添１） figures named in the model as data: URLs (the renderer reads no files)."""
    kinds = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
    out: dict[str, str] = {}
    pages_ = doc.data.get("annex_flow") if isinstance(doc.data, dict) else None
    for page in pages_ if isinstance(pages_, list) else []:
        name = page.get("figure") if isinstance(page, dict) else None
        if not isinstance(name, str) or not name:
            continue
        file = (model_path.parent / name).resolve()
        kind = kinds.get(file.suffix.lower())
        if kind is None or not file.is_file():
            raise PiagenError(
                f"{model_path}: （別添１）の図「{name}」が見つからないか、形式が PNG/JPEG/SVG ではありません。"
            )
        out[name] = f"data:{kind};base64," + base64.b64encode(file.read_bytes()).decode("ascii")
    return out


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else the default of a new file (0666 less umask)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _write_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every output through a temporary file in its folder; a failure leaves old files intact."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            os.fchmod(fd, _mode_for(target))  # as a plain write would leave it, not mkstemp's 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            staged.append((Path(name), target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


class Edition(str, Enum):
    internal = "internal"
    public = "public"


class FormChoice(str, Enum):
    auto = "auto"
    basic = "basic"
    focused = "focused"
    full = "full"


@app.command()
def render(
    context: typer.Context,
    model_path: Annotated[Path, typer.Argument(metavar="MODEL", help="モデル（YAML）")],
    out: Annotated[Path, typer.Option("--out", help="出力先のフォルダ")] = Path("out"),
    form_choice: Annotated[
        FormChoice, typer.Option("--form", help="様式（auto はしきい値判断に従う）")
    ] = FormChoice.auto,
    to: Annotated[str, typer.Option("--to", help="出力形式（カンマ区切り: pdf,xlsx,html）")] = "pdf,xlsx",
    allow_errors: Annotated[
        bool, typer.Option("--allow-errors", help="エラーがあっても出力する（原本の欠陥を再現する場合など）")
    ] = False,
    edition_choice: Annotated[
        Edition,
        typer.Option("--edition", help="internal=提出版（全て印字し非公表部分を明示）、public=公表版"),
    ] = Edition.internal,
    draft: Annotated[
        bool, typer.Option("--draft", help="意見募集（パブリックコメント）用の案として出力する")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="PDF の節ごとの組版結果を再利用しない（キャッシュを読み書きしない）"),
    ] = False,
) -> None:
    """評価書を PDF・Excel・HTML に出力する。"""
    from piagen import partcache, pdfjobs
    from piagen import render as rendering

    formats = tuple(f.strip() for f in to.split(",") if f.strip())
    unknown = [f for f in formats if f not in rendering.FORMATS]
    if unknown or not formats:
        raise UsageError(f"--to に使える形式は pdf、xlsx、html です（指定: {to}）。")
    # The layout processes start now (unless the entry point started them): their WeasyPrint import
    # overlaps the loading of the model.
    started = context.obj if isinstance(context.obj, pdfjobs.Layouts) else None
    with started or pdfjobs.Layouts(2 if "pdf" in formats else 1) as layouts:
        doc, problems = _load_and_validate(model_path)
        errors = [p for p in problems if p.severity == "error"]
        if doc is None or (errors and not allow_errors):
            for p in problems:
                _echo(p.format(), err=True)
            _echo(f"エラーが{len(errors)}件あるため出力しません（--allow-errors で出力できます）。", err=True)
            raise typer.Exit(1)
        outputs: dict[Path, bytes] = {}
        data = doc.data
        figures = _figures(doc, model_path)
        kinds = rendering.forms_for(data, form_choice.value)
        rendered = rendering.render_all(
            data,
            kinds,
            formats,
            figures=figures,
            model_yaml=source.dump(data),
            which=edition_choice.value,
            draft=draft,
            cache=None if no_cache else partcache.PartCache(partcache.default_folder()),
            layouts=layouts,
        )
    suffix = ("-public" if edition_choice is Edition.public else "") + ("-draft" if draft else "")
    for (kind, ext), content in rendered.items():
        outputs[out / f"{model_path.stem}-{kind}{suffix}.{ext}"] = content
    _write_atomically(outputs)
    for path in outputs:
        _echo(f"出力: {path}")
    if errors:
        _echo(f"注意: エラーが{len(errors)}件あります（piagen validate で確認してください）。", err=True)


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


def _git_reader(rev: str, top: Path) -> Any:
    """A file reader that takes files as they were at a git revision."""

    def read(path: Path, shown: str) -> str:
        rel = path.resolve().relative_to(top)
        done = subprocess.run(["git", "-C", str(top), "show", f"{rev}:{rel.as_posix()}"], capture_output=True)
        if done.returncode != 0:
            raise ModelError(
                [Problem(shown, 1, 1, "$", "", "error", f"git の版 {rev} にこのファイルはありません。")]
            )
        return source.decode_text(done.stdout, f"{rev}:{rel.as_posix()}")

    return read


def _load_version(spec: str) -> source.Document:
    """A model from a file, or from a git revision written REV:path (e.g. HEAD~1:examples/x.yaml)."""
    if Path(spec).exists() or ":" not in spec:
        return source.load(Path(spec))
    rev, _, rel = spec.partition(":")
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(
            f"「{spec}」はファイルでも git の版でもありません（git の作業フォルダで実行してください）。"
        )
    top = Path(done.stdout.strip())
    return source.load(
        Path(rel).resolve(),
        display=lambda p: f"{rev}:{p.relative_to(top).as_posix()}",
        reader=_git_reader(rev, top),
    )


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="比較元（ファイル、または git の版 REV:path）")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="比較先（ファイル、または git の版 REV:path）")],
    fmt: Annotated[DiffFormat, typer.Option("--format", help="出力形式")] = DiffFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="出力ファイル（html・xlsx では必須）")
    ] = None,
    write: Annotated[bool, typer.Option("--write", help="NEW の変更箇所（changes）に行を追記する")] = False,
) -> None:
    """2つの版を比べて変更箇所の行を作り、提出時期（事前／事後）とその説明を導く。"""
    from piagen import diff as diffing
    from piagen import redline

    before, after = _load_version(old), _load_version(new)
    result = diffing.compare(before.data, after.data)
    if fmt is DiffFormat.json:
        _emit(out, json.dumps(diffing.json_report(result), ensure_ascii=False, indent=2) + "\n")
    elif fmt is DiffFormat.text:
        _emit(out, diffing.text_report(result))
    else:
        if out is None:
            raise UsageError(f"--format {fmt.value} では --out で出力ファイルを指定してください。")
        title = str(after.data.get("cover", {}).get("title") or new)
        data = (
            redline.render_html(result, old, new, title).encode()
            if fmt is DiffFormat.html
            else redline.render_xlsx(result)
        )
        _write_atomically({out: data})
        _echo(f"出力: {out}")
    if write:
        _write_history(Path(new), result)


def _emit(out: Path | None, text: str) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        _write_atomically({out: text.encode("utf-8")})
        _echo(f"出力: {out}")


def _write_history(path: Path, result: Any) -> None:
    """Append the rows to NEW's changes (or to the file its changes include), atomically."""
    from piagen import diff as diffing
    from piagen import history

    if not path.is_file():
        raise UsageError("--write は NEW がファイルのときだけ使えます。")
    text = source.read_text(path, str(path))
    where = history.target(text)
    file = (path.parent / where.include) if where.include else path
    body = source.read_text(file, str(file)) if where.include else text
    rows = [{**c.as_row(), "path": diffing.dotted(c.path)} for c in result.changes]
    rows = [{k: v for k, v in r.items() if v not in (None, "")} for r in rows]
    _write_atomically({file: history.append(body, rows).encode("utf-8")})
    _echo(f"{file} に変更箇所を{len(rows)}行追記しました。")


class ReviewFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    pdf = "pdf"


def _today(text: str | None) -> dt.date:
    """--today as 和暦 or ISO; the clock otherwise (the CLI is the only place that reads it)."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        parsed = dates.parse(text)
    except dates.DateFormatError as exc:
        raise UsageError(f"--today を日付として読めません: {exc}") from None
    return parsed.first_day()


@app.command()
def review(
    model_path: Annotated[str, typer.Argument(metavar="MODEL", help="点検する評価書のモデル")],
    previous: Annotated[
        str | None, typer.Option("--previous", help="前の版（ファイル、または git の版 REV:path）")
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", help="基準日（例: 2025-01-20、令和7年1月20日）。省略時は今日")
    ] = None,
    fmt: Annotated[ReviewFormat, typer.Option("--format", help="出力形式")] = ReviewFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="出力ファイル（html・pdf では必須）")
    ] = None,
) -> None:
    """第三者点検のための機械的な確認（適合性・妥当性）、見直し期限、諮問書（案）。"""
    from piagen import consultation
    from piagen import review as reviewing

    doc = _load_version(model_path)
    old = _load_version(previous).data if previous else None
    day = _today(today)
    findings = reviewing.run(doc, old, day)
    if fmt is ReviewFormat.json:
        due = reviewing.deadlines(doc.data)
        body = {
            "findings": [f.as_json() for f in findings],
            "deadlines": None
            if due is None
            else {"published": due.published, "yearly": due.yearly, "five_years": due.five_years},
            "consultation": [
                {"label": label, "text": text} for label, text in consultation.draft(doc.data).rows
            ],
        }
        _emit(out, json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    elif fmt is ReviewFormat.text:
        _emit(out, reviewing.text_report(findings))
    else:
        if out is None:
            raise UsageError(f"--format {fmt.value} では --out で出力ファイルを指定してください。")
        page = reviewing.render_html(doc, findings, day, previous or "")
        if fmt is ReviewFormat.pdf:
            from piagen import pdf

            data = pdf.render_pdf(page)
        else:
            data = page.encode("utf-8")
        _write_atomically({out: data})
        _echo(f"出力: {out}")
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


@app.command("import")
def import_cmd(
    workbook_path: Annotated[
        Path, typer.Argument(metavar="WORKBOOK", help="piagen が出力した Excel（編集したもの）")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="書き出すモデル（YAML）")],
    force: Annotated[bool, typer.Option("--force", help="既にあるファイルを上書きする")] = False,
) -> None:
    """Excel（piagen が出力し、Excel で編集したもの）をモデル（YAML）に戻す。"""
    from piagen import workbook

    if out.exists() and not force:
        raise UsageError(f"{out} は既にあります。上書きするには --force を付けてください。")
    try:
        content = workbook_path.read_bytes()
    except FileNotFoundError:
        raise PiagenError(f"{workbook_path}: ファイルが見つかりません。パスを確認してください。") from None
    except IsADirectoryError:
        raise PiagenError(
            f"{workbook_path}: フォルダです。piagen が出力した Excel ファイルを指定してください。"
        ) from None
    except OSError:
        raise PiagenError(
            f"{workbook_path}: Excel ファイルを読めません（読み取りの権限を確認してください）。"
        ) from None
    imported = workbook.read(content)
    for p in imported.problems:
        _echo(f"{workbook_path}: {p.format()}", err=True)
    errors = sum(p.severity == "error" for p in imported.problems)
    if errors:
        _echo(f"エラーが{errors}件あるため書き出しません。", err=True)
        raise typer.Exit(1)
    _write_atomically({out: source.dump(imported.data).encode("utf-8")})
    _echo(f"出力: {out}")


@app.command("schema")
def schema_cmd() -> None:
    """モデルの JSON Schema を表示する（エディタの補完・ホバー用）。"""
    sys.stdout.write(form.schema_json())


@app.command()
def version() -> None:
    """piagen の版を表示する。"""
    _echo(f"piagen {__version__}")


def main(layouts: Layouts | None = None) -> None:
    """One error boundary for every command. `layouts`: PDF layout processes the entry point started
    early (see __main__), used by `render`."""
    try:
        app(obj=layouts)
    except PiagenError as exc:
        _echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _echo("中断しました。", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a one-line report
        _echo(
            f"piagen の内部エラーです（{type(exc).__name__}: {exc}）。お手数ですが再現手順を添えて報告してください。",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
