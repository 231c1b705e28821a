"""Import of published 評価書 made by hand (text extracted from a PDF, or a PDF's text layer): one
model per 事務, what could not be placed kept beside the item where it was met."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from piagen.importers import (
    annex,
    assemble,
    cover,
    documents,
    entrusted,
    figure,
    file_copies,
    grid_entry,
    label_words,
    option_kinds,
    parse,
    recipients,
    record_ref,
    regroup,
    risk_texts,
    value_column,
)
from piagen.importers.lines import Line
from piagen.importers.reader import Concrete
from piagen.model import form, source


@dataclass(frozen=True)
class Unplaced:
    """A line read but not placed in the model: where it was, its text, the item it followed."""

    line: Line
    near: Concrete


@dataclass(frozen=True)
class Model:
    """One imported model and the lines of its document that were not placed."""

    data: dict[str, Any]
    unplaced: tuple[Unplaced, ...]
    # Values the completion passes placed or changed after the reading by labels (extracted text
    # whose layout was scrambled), and texts read far below their label with other labels between:
    # placed by a cue or by nearness, not beside their label; to be checked.
    inferred: tuple[Concrete, ...] = ()

    @property
    def name(self) -> str:
        task = self.data.get("basic_info", {}).get("task", {})
        return str(task.get("name") or self.data.get("cover", {}).get("title") or "")


@dataclass(frozen=True)
class Imported:
    """Every 評価書 found in a file, and the lines before the first one (council papers …)."""

    models: tuple[Model, ...]
    skipped: tuple[Line, ...]
    attached: bool = False  # taken from the model a piagen PDF carries, not read from its text


def read_lines(lines: list[Line]) -> Imported:
    """The 評価書 in the lines of a published document (empty when there is none)."""
    parts, before = documents.split(lines)
    read: list[tuple[dict[str, Any], list[Unplaced], list[Concrete]]] = []
    for part in parts:
        figures, form_lines = figure.cut(part.lines)
        annexes, form_lines = annex.cut(form_lines)
        parsed = parse.parse(form_lines, part.kind)
        by_labels = copy.deepcopy({path: value for path, (value, _) in parsed.values.items()})
        regroup.apply(parsed, form_lines)
        entrusted.apply(parsed, form_lines)
        record_ref.place(parsed)
        option_kinds.attach(parsed)
        grid_entry.not_itself(parsed)
        recipients.place(parsed, form_lines)
        value_column.place(parsed, form_lines)
        file_copies.place(parsed)
        label_words.place(parsed, form_lines)
        risk_texts.complete(parsed, form_lines)
        inferred = [p for p, (value, _) in parsed.values.items() if by_labels.get(p, None) != value]
        inferred += [p for p in value_column.untied_values(parsed, form_lines) if p not in inferred]
        data = assemble.model_of(parsed, part.version)
        for left in annex.place(data, annexes):
            parsed.unplaced.extend((line, ("files",)) for line in left.lines)
        figure.place(data, figures)
        found, used = cover.read(part.lines)
        data["cover"] = assemble.cover_of(data.get("cover", {}), found)
        replaced = [
            piece
            for path, (_, capture) in parsed.values.items()
            if path[:1] == ("cover",) and path[1:2] and path[1] in found
            for piece in (capture.pieces if capture.pieces else [])
            if piece.text.strip() and piece.number not in used
        ]
        parsed.unplaced.extend((piece, ("cover",)) for piece in replaced)
        lost = [
            Unplaced(line, near)
            for line, near in parsed.unplaced
            if not (near[:1] in ((), ("cover",)) and line.number in used)
        ]
        read.append((data, lost, inferred))
    joined = assemble.join_basic([data for data, _, _ in read])
    models = []
    for data in joined:
        own = [u for d, us, _ in read for u in us if d is data or _joined_into(d, data)]
        guessed = next((tuple(i) for d, _, i in read if d is data), ())
        models.append(Model(data, tuple(sorted(own, key=lambda u: u.line.number)), guessed))
    return Imported(tuple(models), tuple(before))


def from_model(text: str) -> Imported:
    """The model a piagen PDF carries (loaded strictly, as any model file)."""
    doc = source.load(Path(ATTACHED_NAME), reader=lambda _p, _s: text)
    if not isinstance(doc.data, dict):
        return Imported((), ())
    return Imported((Model(doc.data, ()),), (), attached=True)


ATTACHED_NAME = "model.yaml"


def _joined_into(part: dict[str, Any], main: dict[str, Any]) -> bool:
    return (
        part["form"]["type"] == "basic"
        and main["form"]["type"] != "basic"
        and "basic_version" in main["form"]
        and (
            part.get("basic_info", {}).get("task", {}).get("name")
            == main.get("basic_info", {}).get("task", {}).get("name")
        )
    )


def kinds(imported: Imported) -> list[form.FormType]:
    return [m.data["form"]["type"] for m in imported.models]
