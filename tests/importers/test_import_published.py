"""Import of published 評価書: each seed (text extracted from a real published PDF) against the
hand-made example of the same document, floors just under today's figures (benchmarks/import_seeds.py
prints them per section); the round trip through piagen's own PDF without its attached model; the
written YAML keeps every unplaced line as a comment and loads."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from piagen import checks
from piagen.importers import pdf, text, to_yaml
from piagen.model import source
from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

SEEDS = import_seeds.SEEDS
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seed documents are not here ({SEEDS}); CI has shared/ beside the clone"
)

# Share of the example's leaf values reproduced exactly, per example: floors just under what the
# importer reaches today. The target is 90 % on every seed; see docs/importing.md for what is missed.
FLOORS = {
    "kashiwa-yobou-sesshu": 0.95,
    "kitakyushu-shingata-influenza": 0.93,
    "takatsuki-yobou-sesshu": 0.96,
    "takatsuki-juki": 0.91,
    "kawasaki-kenko-zoshin": 0.95,
}


@needs_seeds
def test_seeds_reproduce_the_examples_above_their_floors(capsys: pytest.CaptureFixture[str]) -> None:
    shares = import_seeds.run(SEEDS)
    report = capsys.readouterr().out
    assert set(shares) == set(FLOORS), report
    for name, share in shares.items():
        assert share >= FLOORS[name], f"{name}: {share:.1%} < floor {FLOORS[name]:.0%}\n{report}"


@needs_seeds
def test_a_file_with_several_assessments_gives_one_model_per_task() -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    imported = text.read(seed.read_bytes())
    kinds = sorted(m.data["form"]["type"] for m in imported.models)
    assert kinds == ["full", "full"], "the 基礎項目評価書 is joined to the 全項目評価書 of its 事務"
    juki = next(m for m in imported.models if "住民基本台帳" in m.name)
    assert juki.data["form"]["basic_version"] == "H31.1"
    assert juki.data["threshold"]["handlers"]["band"] == "500人未満"
    assert len(imported.skipped) > 100  # the council papers before the first cover


@needs_seeds
@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_written_model_loads_and_keeps_every_unplaced_line(prefix: str, tmp_path: Path) -> None:
    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    imported = text.read(seed.read_bytes())
    for n, model in enumerate(imported.models):
        written = to_yaml(model, seed.name)
        path = tmp_path / f"m{n}.yaml"
        path.write_text(written, encoding="utf-8")
        doc = source.load(path)
        assert doc.data == model.data
        for unplaced in model.unplaced:
            assert f"{unplaced.line.where()}: {unplaced.line.text.strip()}" in written
        checks.validate(doc)  # runs to the end: what is left is reported, not raised


def test_round_trip_through_the_rendered_pdf(
    run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    """render → remove the attached model → import the text layer: the values come back."""
    from import_roundtrip import stripped

    model = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
    code, _, err = run_cli(
        "render", str(model), "--form", "focused", "--to", "pdf", "--allow-errors", "--out", str(tmp_path)
    )
    assert code == 0, err
    raw = stripped(next(tmp_path.glob("*.pdf")).read_bytes())
    (tmp_path / "published.pdf").write_bytes(raw)
    imported = pdf.read(raw)
    assert len(imported.models) == 1 and not imported.attached
    per, missed = import_seeds.score(source.load(model).data, imported.models[0].data)
    hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
    assert hits / total >= 0.98, "\n".join(missed)
    code, out, err = run_cli("diff", str(model), str(tmp_path / "published.pdf"), "--exit-zero")
    assert code == 0, err
    assert "変更" in out


def test_a_piagen_pdf_gives_back_its_attached_model(
    run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    model = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
    code, _, err = run_cli(
        "render", str(model), "--form", "focused", "--to", "pdf", "--allow-errors", "--out", str(tmp_path)
    )
    assert code == 0, err
    out = tmp_path / "back.yaml"
    code, _, err = run_cli("import", str(next(tmp_path.glob("*.pdf"))), "-o", str(out))
    assert code == 0, err
    assert "添付されたモデル" in err
    assert source.load(out).data == source.load(model).data
