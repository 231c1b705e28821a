"""The forms' facts are data (schema/forms.yaml, read by model/form): what the code reads from there."""

from __future__ import annotations

from piagen import threshold
from piagen.checks import bands
from piagen.model import edition, form
from piagen.xlsx import bounds


def test_stamps_names_and_headings() -> None:
    assert form.STAMPS == {
        ("full", "H30.5"): "[平成30年５月　様式４]",
        ("full", "R6.10"): "[令和６年10月　様式４]",
        ("focused", "H30.5"): "[平成30年５月　様式３]",
        ("basic", "H31.1"): "[平成31年１月　様式２]",
    }
    assert form.DEFAULT_VERSION == {"full": "R6.10", "focused": "H30.5", "basic": "H31.1"}
    assert form.TITLES["focused"] == "特定個人情報保護評価書（重点項目評価書）"
    assert form.FORM_NAMES["basic"] == "基礎項目評価書"
    assert form.TOC["full"][-1] == "　（別添３）　変更箇所" and "basic" not in form.TOC


def test_bands() -> None:
    assert threshold.PEOPLE_BANDS["10万人以上30万人未満"] == (100_000, 300_000)
    assert threshold.PEOPLE_BANDS["30万人以上"] == (300_000, None)
    assert bands.PERSONS["1,000万人以上"] == (10_000_000, None)
    assert bands.USERS_LOW == {
        "10人未満": 0,
        "10人以上50人未満": 10,
        "50人以上100人未満": 50,
        "100人以上500人未満": 100,
        "500人以上1,000人未満": 500,
        "1,000人以上": 1000,
    }


def test_unprinted_keys_come_from_the_schema() -> None:
    # `original` records how a published copy differs from the form (issue 12): never printed as such.
    assert set(form.records()) == {"withheld", "consultation", "revision", "original"}
    assert set(edition.UNPRINTED) == {
        "piagen",
        "form",
        "changes",
        "withheld",
        "consultation",
        "revision",
        "original",
    }
    assert not bounds.PRINTED_ROOTS & {"piagen", "form", "withheld", "consultation", "revision", "original"}
    assert {"cover", "files", "changes", "basic"} <= bounds.PRINTED_ROOTS
