"""Page numbers and running headers in extracted text (furniture.py): a value that runs over a page
break comes back without the page's footer and the next page's header between its lines."""

from __future__ import annotations

from piagen.importers import furniture
from piagen.importers.lines import from_text

_BODY = ["入手の経路", "使用の目的", "委託の内容", "提供の方法", "保管の場所", "消去の方法"]


def _pages(footer: str, header: str, pages: int = 4) -> str:
    body = []
    for n in range(1, pages + 1):
        body.append(f"{_BODY[n - 1]}の一行目\n{_BODY[n - 1]}の終わり")
        body.append(footer.format(n=n, total=pages))
        if n < pages:
            body.append(header.format(n=n + 1, total=pages) + "\f")
    return "\n".join(body)


def _texts(raw: str) -> list[str]:
    return [line.text for line in furniture.strip(from_text(raw)) if line.text.strip()]


def test_page_number_of_total_and_running_header_are_left_out() -> None:
    got = _texts(_pages("{n} / {total}", "予防接種に関する事務   全項目評価書"))
    assert got == [f"{b}の{k}" for b in _BODY[:4] for k in ("一行目", "終わり")]


def test_dashed_page_numbers_and_a_header_with_its_own_page_number() -> None:
    got = _texts(_pages("- {n} -", "<p>評価書　{n} / {total}</p>"))
    assert got == [f"{b}の{k}" for b in _BODY[:4] for k in ("一行目", "終わり")]


def test_numbers_in_values_are_kept() -> None:
    # a value line 「3 / 10」 or 「- 2 -」 alone, or numbers that do not rise page by page, stay
    raw = "①対象人数\n3 / 10\n本文\n- 2 -\n- 1 -\n- 1 -\n評価書番号\n8"
    assert _texts(raw) == raw.split("\n")


def test_a_line_beside_page_numbers_only_once_is_kept() -> None:
    raw = _pages("{n} / {total}", "見出し{n}", pages=6)
    raw = raw.replace("見出し3", "Ⅲ　特定個人情報ファイルの取扱い")
    got = _texts(raw)
    assert "Ⅲ　特定個人情報ファイルの取扱い" in got
    assert not any(t.startswith("見出し") or "/" in t for t in got)
