"""An imported model as YAML: the data as piagen writes models, and every line that could not be
placed kept as a comment above the item it was met under (with its source line or page)."""

from __future__ import annotations

from pathlib import Path

from piagen.importers.published import Model
from piagen.model import form, source

# Above a value that a completion pass placed (the extracted text had torn it from its label).
INFERRED = "# 要確認 項目名から離れて印字されていた値です（照合・消去法・位置で置きました）。元の評価書で確かめてください。"


def to_yaml(model: Model, shown: str) -> str:
    """YAML text of the model, with a header and the unplaced lines as comments."""
    text = source.dump(model.data)
    doc = source.load(Path("imported.yaml"), reader=lambda _p, _s: text)
    rows = text.split("\n")
    notes: dict[int, list[str]] = {}
    for unplaced in model.unplaced:
        path = unplaced.near
        while path and path not in doc.marks:
            path = path[:-1]
        mark = doc.marks.get(path)
        at = mark.line - 1 if mark and path else len(rows)
        indent = " " * ((mark.column - 1) if mark and path else 0)
        clean = unplaced.line.text.replace("\n", " ").strip()
        notes.setdefault(at, []).append(f"{indent}# 未配置 {shown} {unplaced.line.where()}: {clean}")
    for path in model.inferred:
        mark = doc.marks.get(tuple(path))
        if mark is not None:
            notes.setdefault(mark.line - 1, []).append(f"{' ' * (mark.column - 1)}{INFERRED}")
    out: list[str] = _header(model, shown)
    for n, row in enumerate(rows):
        out.extend(notes.get(n, []))
        out.append(row)
    out.extend(notes.get(len(rows), []))
    return "\n".join(out).rstrip("\n") + "\n"


def _header(model: Model, shown: str) -> list[str]:
    kind = model.data["form"]["type"]
    lines = [
        f"# {shown} から piagen import で読み取った{form.FORM_NAMES[kind]}のモデル。",
        "# 様式の項目名から値を読み取りました。読み取れなかった行は「# 未配置」として、その行が現れた",
        f"# 項目の上に残しています（{len(model.unplaced)}行）。piagen validate で残りの確認点を一覧できます。",
    ]
    if model.inferred:
        lines.append(
            f"# 項目名から離れて印字されていた値{len(model.inferred)}件には「# 要確認」を付けています。"
        )
    if "version" not in model.data["form"]:
        lines.append("# 様式の版が印字されていないため、form.version は空です。")
    return lines
