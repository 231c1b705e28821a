"""The 項目一覧 (the form's table of contents, schema/forms.yaml `toc`) printed on the cover: its
entries are the labels of the form's chapters (「（別添２） 特定個人情報ファイル記録項目」 …) but
open no item there. Extraction prints them in any order, before or after the word 項目一覧."""

from __future__ import annotations

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import form

_RUN = 3  # so many chapter labels in a row are the contents list, not the chapters themselves
_HEAD = norm("項目一覧")


def blank(kind: form.FormType, lines: list[Line]) -> list[Line]:
    """The lines with the entries of the contents list blanked (each line kept, for its number)."""
    entries = {norm(entry) for entry in form.TOC.get(kind, ())}
    if not entries:
        return lines
    out = list(lines)
    run: list[int] = []
    for n, line in enumerate([*lines, Line("end", 0)]):
        key = norm(line.text)
        if key in entries and all(norm(lines[k].text) != key for k in run):
            run.append(n)
        elif key and key != _HEAD and not key.isdigit():
            if len(run) >= _RUN:
                for k in run:
                    out[k] = Line("", lines[k].number, lines[k].page)
            run = [n] if key in entries else []
    return out
