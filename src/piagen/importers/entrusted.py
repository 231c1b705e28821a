"""Completion of the 委託事項 entries after the positional reading (extracted text only).

When a page's cells come out of order (北九州: the 委託事項 markers clumped after their items, label
and value columns apart), the one-pass reader and regroup.py leave some of an entry's fields empty
and the values that belong there unplaced — or read into the label of another section left empty
before them (runs.redirect gives text met under a checkbox grid to the latest empty text label, a
placement by nearness only). This pass takes those lines — the unplaced lines met in the file's ４．委託
section or from a printed page before it to its end, and the paragraphs there of a value read apart
from its label (another label printed between) — and gives a line to an entry's field only on a cue
that holds for every 評価書, never on position alone:

- the document's own 変更箇所: a row whose 項目 ends with 「委託事項N」 and whose 変更後 is 「「X」追加」
  (or 「「X」を新たに追加」: the quoted name, then any words ending in 追加)
  names 委託事項N by its title X (the entry added), when X is printed as such a line;
- a 委託事項's title (the heading printed beside its marker) and its ①委託内容 name the same work in
  the same or nearly the same words (at most a few characters apart): a line close to exactly one
  entry's title or ① fills the other of the two, when no other entry's is close to it;
- the only entry lacking both its title and its ①, and one text printed twice (and nowhere else in
  the document, as a running head would be): title and ①;
- the kind of a value: a company or body's name (株式会社, 企業連合, グループ, 支店, 医師会, 協会 …) is a 委託先名, an option of
  a ＜選択肢＞ item (「10人以上50人未満」) is that item's value — each only when exactly one entry lacks
  that field and exactly one such line is loose in the section itself (the page before it prints
  ３．入手・使用's options and names);
- fields the form asks for only under a choice (schema x-required `when`: ⑤再委託の許諾方法 and
  ⑥再委託事項 only when 再委託する) go only to entries where that choice is set: a paragraph that
  repeats another entry's ⑤ word for word goes to the only entry still lacking it; a short loose
  line (no 「。」) goes to ⑥ of the entry whose other values share the most words with it (「オペレーショ
  ン業務」 ↔ 「システム基盤（オペレーション業務等）」), only when that entry is clearly its best (two
  character pairs at least, no tie) and no other line claims it; a line no entry claims stays loose.

What no cue places stays reported (`# 未配置`). A line taken from another value leaves that value;
a value left with no text is removed (its label stays empty rather than wrong)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from piagen.importers import labels, values
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed
from piagen.model import form

_TEMPLATE = ("files", "*", "entrustment", "items")
_COMPANY = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|合名会社|企業連合|共同企業体|共同事業体|ＪＶ|グループ|コンソーシアム"
    r"|支店|支社|営業所|法人|組合|医師会|協会|連合会|公社|[（(]株[)）]|㈱"
)
_COMPANY_FIELD = "contractor"  # ③委託先名 (⑥ in the 全項目 form)
_SHORT_FIELDS = ("subcontract_items",)  # ⑥再委託事項 names the work: a noun phrase, no 「。」
_NOT_PROSE = re.compile(r"[\[\]［］○〇◯]|＜選択肢＞|^[0-9０-９]+\s*[)）]|^[0-9０-９()（）\s　件―－-]*$")
_REACH = 100  # lines: about one printed page of extracted text
_CLOSE = 3  # characters: a title and its ① differ by a few (「の」「及び」)
_INDEXES: dict[str, Index] = {}


@dataclass(eq=False)  # two paragraphs are told apart by identity, not by their text
class _Para:
    """A paragraph of loose lines: reported unplaced (donor None) or read into another value."""

    lines: list[Line]
    donor: Concrete | None = None
    inside: bool = False  # met in the section itself (not in the page before it)

    @property
    def text(self) -> str:
        return values.text_of(self.lines) or ""


@dataclass
class _Group:
    parsed: Parsed
    list_path: Concrete
    fields: dict[str, Item]
    count: int
    pool: list[_Para]
    printed: Counter[str]  # how often each text is printed as a whole line in the document
    taken: list[_Para] = field(default_factory=list)

    def has(self, n: int, key: str) -> bool:
        return (*self.list_path, n, key) in self.parsed.values

    def value(self, n: int, key: str) -> str | None:
        found = self.parsed.values.get((*self.list_path, n, key))
        return None if found is None else str(found[0])

    def give(self, n: int, key: str, para: _Para, value: object | None = None) -> None:
        item = self.fields[key]
        path = (*self.list_path, n, key)
        shown = value if value is not None else para.text
        self.parsed.values[path] = (shown, Capture(item, path, para.lines[0], list(para.lines)))
        if para in self.pool:
            self.pool.remove(para)
            self.taken.append(para)


def apply(parsed: Parsed, lines: list[Line]) -> None:
    """Fill the 委託事項 fields left empty from the loose lines of each file (see above)."""
    if any(line.cells for line in lines):
        return  # a PDF's lines come in reading order: nothing was torn apart this way
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    fields = {i.path[-1]: i for i in index.items if i.path[:-1] == (*_TEMPLATE, "*")}
    if not fields:
        return
    files = sorted({p[1] for p in parsed.values if p[:1] == ("files",) and p[2:3] == ("entrustment",)})
    for f in files:
        group = _group(parsed, index, lines, ("files", f, "entrustment", "items"), fields)
        if group is None:
            continue
        for rule in (_named_by_changes, _similar, _pair, _by_kind, _conditional):
            rule(group)
        _settle(group)


def _group(
    parsed: Parsed, index: Index, lines: list[Line], list_path: Concrete, fields: dict[str, Item]
) -> _Group | None:
    section = list_path[:3]
    mine = [(p, c) for p, (_, c) in parsed.values.items() if p[:3] == section]
    numbers = [ln.number for _, c in mine for ln in [c.at, *c.pieces] if ln.text.strip()]
    seen = [int(p[4]) for p, _ in mine if len(p) > 5 and p[:4] == list_path]
    if not numbers or not seen:
        return None
    stated = parsed.values.get((*section, "count"), (None,))[0]
    count = max(stated if isinstance(stated, int) and stated < 100 else 0, max(seen) + 1)
    lo, hi = min(numbers), max(numbers)
    loose = [
        line
        for line, near in parsed.unplaced
        if (near[:3] == section or lo - _REACH <= line.number <= hi) and _prose(line.text)
    ]
    inside = {ln.number for ln, near in parsed.unplaced if near[:3] == section or lo <= ln.number <= hi}
    runs = _runs(sorted(loose, key=lambda ln: ln.number))
    pool = [_Para(run, None, all(ln.number in inside for ln in run)) for run in runs]
    pool += _read_apart(parsed, index, lines, section, (lo - _REACH, hi))
    return _Group(parsed, list_path, fields, count, pool, Counter(norm(line.text) for line in lines))


def _prose(text: str) -> bool:
    plain = text.strip()
    return bool(plain) and not _NOT_PROSE.search(plain)


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Lines of consecutive source lines, as paragraphs."""
    out: list[list[Line]] = []
    for line in lines:
        if out and line.number == out[-1][-1].number + 1:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _read_apart(
    parsed: Parsed, index: Index, lines: list[Line], section: Concrete, window: tuple[int, int]
) -> list[_Para]:
    """Paragraphs, within `window`, of text values of the same file read apart from their label
    (another label printed between the label and the value's first line)."""
    at = {line.number: k for k, line in enumerate(lines)}
    out: list[_Para] = []
    for path, (_, capture) in parsed.values.items():
        if path[:2] != section[:2] or path[:3] == section or capture.item.kind != "text":
            continue
        kept = [p for p in capture.pieces if p.text.strip()]
        if not kept or kept[0].number <= capture.at.number or capture.at.number not in at:
            continue
        start, end = at[capture.at.number] + 1, at.get(kept[0].number, 0)
        if not any(lines[k].text.strip() and index.match(lines, k) for k in range(start, end)):
            continue
        inside = [p for p in kept if window[0] <= p.number <= window[1] and _prose(p.text)]
        out += [_Para(run, path) for run in _runs(inside)]
    return out


def _single(group: _Group) -> list[_Para]:
    """Loose one-line paragraphs that may be a title, a ①委託内容 or a ⑥ (no company, no option)."""
    return [
        p
        for p in group.pool
        if len(p.lines) == 1 and not _COMPANY.search(p.text) and not _option(group, p.text)
    ]


def _option(group: _Group, text: str) -> bool:
    return any(i.kind == "choice" and values.choice_of(i, text) for i in group.fields.values())


def _title_keys(group: _Group) -> tuple[str, str] | None:
    """The keys of the entry's title (the heading beside its marker) and of its ① text."""
    name = labels.group_of(_TEMPLATE)
    title = next((k for k, i in group.fields.items() if i.label == name), None)
    first = next((k for k, i in group.fields.items() if i.kind == "text" and k != title), None)
    return (title, first) if title and first else None


def _named_by_changes(group: _Group) -> None:
    """「Ⅱ－４委託事項４」「（記載なし）」「「X」追加」: the 変更箇所 row names the entry it added."""
    keys = _title_keys(group)
    if keys is None:
        return
    rows = {p[1] for p in group.parsed.values if len(p) == 3 and p[0] == "changes"}
    for r in rows:
        item = group.parsed.values.get(("changes", r, "item"), (None,))[0]
        after = group.parsed.values.get(("changes", r, "after"), (None,))[0]
        named = re.search(r"委託事項([0-9]+)$", norm(str(item or "")))
        added = re.fullmatch(r"「([^「」]+)」[^「」]*追加", norm(str(after or "")))
        if not named or not added:
            continue
        n = int(unicodedata.normalize("NFKC", named.group(1))) - 1
        if not 0 <= n < group.count or group.has(n, keys[0]):
            continue
        same = [p for p in _single(group) if norm(p.text) == added.group(1)]
        if same:
            group.give(n, keys[0], same[0])


def _similar(group: _Group) -> None:
    """A loose line a few characters from exactly one entry's title or ① fills the other one."""
    keys = _title_keys(group)
    if keys is None:
        return
    for n in range(group.count):
        for have, lack in (keys, keys[::-1]):
            shown = group.value(n, have)
            if shown is None or group.has(n, lack):
                continue
            close = [p for p in _single(group) if _close(p.text, shown)]
            if len({norm(p.text) for p in close}) != 1:
                continue
            others = [
                v
                for m in range(group.count)
                if m != n
                for k in keys
                if (v := group.value(m, k)) is not None and _close(close[0].text, v)
            ]
            if not others:
                group.give(n, lack, close[0])


def _pair(group: _Group) -> None:
    """The only entry lacking both title and ①, and one text printed twice among the loose lines."""
    keys = _title_keys(group)
    if keys is None:
        return
    lacking = [n for n in range(group.count) if not group.has(n, keys[0]) and not group.has(n, keys[1])]
    if len(lacking) != 1:
        return
    single = _single(group)
    texts = [norm(p.text) for p in single]
    # (a running head or foot left in the text is printed on every page, not just twice)
    twice = {t for t in texts if texts.count(t) == 2 and group.printed[t] == 2}
    if len(twice) != 1:
        return
    text = twice.pop()
    known = [v for m in range(group.count) for k in keys if (v := group.value(m, k)) is not None]
    if any(_close(text, v) for v in known):
        return
    first, second = [p for p in single if norm(p.text) == text]
    group.give(lacking[0], keys[0], first)
    group.give(lacking[0], keys[1], second)


def _by_kind(group: _Group) -> None:
    """A company name to the only entry without 委託先名; an option to the only entry without it."""
    keys = [k for k, i in group.fields.items() if k == _COMPANY_FIELD or i.kind == "choice"]
    for key in keys:
        lacking = [n for n in range(group.count) if not group.has(n, key) and _applies(group, n, key)]
        # only lines met in the section: a page before it prints other items' options and names
        found = [p for p in group.pool if p.inside and _fits(group.fields[key], p)]
        if len(lacking) == 1 and len(found) == 1:
            item = group.fields[key]
            value = values.choice_of(item, found[0].text) if item.kind == "choice" else None
            group.give(lacking[0], key, found[0], value)


def _fits(item: Item, para: _Para) -> bool:
    """Whether the paragraph reads as the field's kind: a company name, or an option alone."""
    if item.kind == "choice":
        return len(para.lines) == 1 and values.choice_of(item, para.text) is not None
    if len(para.lines) > 2 or "。" in para.text or _printed_option(para.text):
        return False  # a sentence, or an option the form prints (「地方公共団体・地方独立行政法人」)
    return bool(_COMPANY.search(para.text))


_OPTIONS: set[str] = set()


def _printed_option(text: str) -> bool:
    """Whether the text is an option of one of the form's ＜選択肢＞ or checkbox items."""
    if not _OPTIONS:
        for kind in ("full", "focused", "basic"):
            for item in labels.items(kind):
                if item.kind == "choice":
                    _OPTIONS.update(norm(o) for o in labels.choices(item.path))
                elif item.kind == "checks":
                    _OPTIONS.update(norm(o) for o in labels.check_options(item.path))
    return norm(text) in _OPTIONS


def _applies(group: _Group, n: int, key: str) -> bool:
    """Whether the form asks for `key` in entry n (x-required `when` another field is set so)."""
    when = _when(key)
    return when is None or group.value(n, when[0]) == when[1]


def _when(key: str) -> tuple[str, str] | None:
    node = form.node_at(("files", 0, "entrustment", "items", 0, key)) or {}
    required = node.get("x-required")
    cond = required.get("when") if isinstance(required, dict) else None
    if isinstance(cond, dict) and isinstance(cond.get("path"), str) and "is" in cond:
        return str(cond["path"]), str(cond["is"])
    return None


def _conditional(group: _Group) -> None:
    """Fields asked only under a choice: a repeat of another entry's text, or a short line by the
    words it shares with its entry's other values (see the module's docstring)."""
    for key in [k for k in group.fields if _when(k)]:
        lacking = [n for n in range(group.count) if _applies(group, n, key) and not group.has(n, key)]
        texts = {norm(v) for m in range(group.count) if (v := group.value(m, key)) is not None}
        repeats = [p for p in group.pool if norm(p.text) in texts]
        if len(lacking) == 1 and repeats:
            group.give(lacking[0], key, repeats[0])
        elif key in _SHORT_FIELDS and lacking:
            _by_words(group, key, lacking)


def _by_words(group: _Group, key: str, lacking: list[int]) -> None:
    """Each short line to the entry (of those lacking `key`) whose other values share the most
    character pairs with it — at least two (「運用」「保守」), and more than any other entry."""
    lines = [p for p in _single(group) if "。" not in p.text]
    pairs: list[tuple[int, _Para]] = []
    for para in lines:
        scores = {n: len(_bigrams(para.text) & _entry_pairs(group, n, key)) for n in lacking}
        best = max(scores, key=lambda n: scores[n])
        if scores[best] >= 2 and sum(s == scores[best] for s in scores.values()) == 1:
            pairs.append((best, para))
    # A line no entry claims clearly (a name of another kind left loose) is left; an entry two lines
    # claim gets neither.
    claimed = [n for n, _ in pairs]
    for n, para in pairs:
        if claimed.count(n) == 1:
            group.give(n, key, para)


def _entry_pairs(group: _Group, n: int, skip: str) -> set[str]:
    """The character pairs of entry n's values other than `skip`."""
    out: set[str] = set()
    for k in group.fields:
        if k != skip and (v := group.value(n, k)) is not None:
            out |= _bigrams(v)
    return out


def _bigrams(text: str) -> set[str]:
    plain = norm(text)
    return {plain[k : k + 2] for k in range(len(plain) - 1)}


def _close(a: str, b: str) -> bool:
    x, y = norm(a), norm(b)
    return _distance(x, y) <= min(_CLOSE, max(len(x), len(y)) // 5)  # a short text only when equal


def _distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > _CLOSE:
        return _CLOSE + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _settle(group: _Group) -> None:
    """Taken lines leave the unplaced report and the values they had been read into."""
    taken = {line.number for para in group.taken for line in para.lines}
    parsed = group.parsed
    parsed.unplaced[:] = [(ln, near) for ln, near in parsed.unplaced if ln.number not in taken]
    for donor in {p.donor for p in group.taken if p.donor is not None}:
        value, capture = parsed.values[donor]
        rest = [p for p in capture.pieces if p.number not in taken]
        text = values.text_of(rest)
        if text is None:
            del parsed.values[donor]
        else:
            parsed.values[donor] = (text, Capture(capture.item, donor, capture.at, rest))
