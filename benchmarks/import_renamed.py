"""Generalisation check of the importer: rename the seeds' particular words and see what is lost.

For each seed and its hand-made example (benchmarks/import_seeds.py), the SAME substitutions are
applied to the seed text and to every string value of the example; the renamed seed is imported and
scored against the renamed example. A rule of the importer that rests on a property of the form (a
label, an option text, the kind of a value, an elimination) reads the renamed document as well as
the original; a rule that rests on the seed's particular words (a city, a company, a system name, a
date) loses leaves. Printed per seed: original share, renamed share, difference, and with
--missed N up to N leaves right in the original but wrong after renaming.

Usage: python benchmarks/import_renamed.py [--set names|dates|wording|all] [--missed N] [SEEDS_DIR]

Rules for a substitution (checked where they can be):
- it never touches the form's own printed labels, option texts or numbering: every source word is
  checked against every string of schema/ (titles, option lists, keys; the `description` guidance,
  which quotes example values such as 「高槻市個人情報保護運営審議会」, is not printed and not checked);
- it keeps the document a plausible 評価書 (a city for a city, a company for a company of the same
  legal form, a system name for a system name, a date for a valid date);
- it is applied to the seed and the example alike; a word broken over lines in the seed (extraction
  wraps cells) is matched across the whitespace and the new word is split at the same place;
- a set that replaces nothing in a seed is an error (the list would be testing nothing).
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_seeds import EXAMPLES, ROOT, SEEDS, match, score  # noqa: E402

from piagen.importers import lines  # noqa: E402
from piagen.importers import text as text_importer  # noqa: E402
from piagen.model import source  # noqa: E402

# --- set `names`: proper names of the seeds → other names of the same kind ------------------------
# Safe because none of these words is in the form (checked against schema/ at run time) and each new
# word is of the same kind, so a 評価書 could print it in the same cell.
CITIES = [
    # Municipalities of the four seeds → other cities (the stem alone, so 「北九州支店」「川崎市ユニット」
    # 「川崎区」「柏市保健所」 follow consistently).
    ("北九州", "浜松"),
    ("柏市", "船橋市"),
    ("高槻", "枚方"),
    ("川崎", "相模原"),
]
COMPANIES = [
    # 委託先 names → other companies of the same legal form (株式会社 stays 株式会社, 企業連合 stays
    # 企業連合, 支店/支社/ユニット stay): the kind of a company name is kept, its words are not.
    ("株式会社ＲＫＫＣＳ", "株式会社ＴＫＣ"),
    ("日立・NTTデータ企業連合", "東芝・NECソリューション企業連合"),
    ("日本コンピューター株式会社", "西日本電算株式会社"),
    ("富士通Japan", "日本電気"),
    ("富士通Ｊａｐａｎ", "日本電気"),
    ("両備システムズ", "ＢＳＮアイネット"),
    ("ミラボ", "ウィズソフト"),
    ("日立製作所", "東芝デジタルソリューションズ"),
    ("日立システムズ", "富士電機ＩＴソリューション"),
    ("日本ビジネスデータープロセシングセンター", "京都電子計算"),
]
SYSTEMS = [
    # Names of the 事務's own systems → other system names. The national and option-text systems
    # (情報提供ネットワークシステム, 中間サーバー, 宛名システム等, 庁内連携システム, 税務システム,
    # 既存住民基本台帳システム, 住民基本台帳ネットワークシステム) are the form's words: not renamed.
    ("予防接種台帳システム", "接種履歴管理システム"),
    ("宛名管理システム", "個人宛先管理システム"),
    ("団体内統合宛名システム", "庁内統合番号システム"),
    ("団体内宛名統合システム", "庁内番号統合システム"),
    ("成人保健情報管理システム", "検診結果管理システム"),
    ("健康管理システム", "保健指導支援システム"),
    ("健康情報管理システム", "母子保健管理システム"),
    ("システム連携基盤", "データ連携基盤"),
    ("ワクチン接種記録システム", "接種記録連携システム"),
    ("ワクチン接種管理システム", "接種台帳管理システム"),
    ("保健所情報システム", "保健衛生総合システム"),
    ("コンビニ交付システム", "証明書自動交付システム"),
]
TASKS = [
    # The 事務's subject → another health 事務's subject, inside values only (no label or option text
    # of the form contains them; checked). 「予防接種法」 is a real law and stays (lookahead below), so
    # the document keeps citing real laws.
    ("予防接種(?!法)", "健康診査"),
    ("健康増進事業", "成人保健事業"),
]
NAMES = CITIES + COMPANIES + SYSTEMS + TASKS

# --- set `wording`: other ordinary wordings of the same kind of value ----------------------------
# Not names but words a 評価書 may say otherwise; none is the form's text (checked). Each is a probe
# of a kind the completion passes read (the report of the audit lists what each one costs).
WORDING = [
    # A 委託先 that is a consortium written without a legal-form word (「…グループ」, as many
    # documents write 「…共同事業体」 or a brand name alone).
    ("日立・NTTデータ企業連合", "日立・NTTデータグループ"),
    # The ９．従業者に対する教育・啓発 text: 研修 is one of several words for it (講習, 講習会 …).
    ("研修", "講習"),
    # A 他部署 named 「…事務所」 (the 市税事務所 of a designated city) instead of 「…課」.
    ("市民税課", "市税事務所"),
    # Titles, ① and ⑥ of 委託事項 with their words in another order, consistently.
    ("オペレーション", "運行管理"),
    ("運用保守", "保守運用"),
    ("運用及び保守", "保守及び運用"),
    ("運用・保守", "保守・運用"),
    # A 変更箇所 row of an added entry: 「「X」を新たに追加」 as well as 「「X」追加」.
    ("」追加", "」を新たに追加"),
    # The 委託契約書中の規定 listed as 「…に関すること」 as well as 「…に関する事項」.
    ("に関する事項", "に関すること"),
    # ⑧権利利益に影響を与え得る決定 answered without the label's head word 決定 (柏).
    ("予防接種健康被害発生時の給付の決定（国）", "予防接種健康被害発生時の給付の支給に係る判断（国）"),
    # ⑤本人の範囲 of a 提供先 worded without restating its ②用途 (北九州's two 提供先).
    ("定期予防接種の接種履歴がある他市町村への転出者", "転出先の市町村で定期の接種を受ける者"),
    (
        "新型インフルエンザ等対策特別措置法による予防接種の接種履歴がある他市町村への転出者",
        "特措法に基づく接種を受けた後に転出した者",
    ),
]
# No `counts` set: a count option (「10人以上50人未満」) is printed twice in a seed, as the chosen value
# and in the form's own ＜選択肢＞ list beside it, which must stay; a scrambled seed prints the chosen
# value as a loose line no different from a list entry, so it cannot be renamed alone. And the
# counts decide Ⅵ しきい値判断, which another count would contradict. Not safe.

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE = re.compile(
    r"(令和|平成)(\s*)([0-9０-９]{1,2}|元)(\s*年\s*)([0-9０-９]{1,2})(\s*月\s*)([0-9０-９]{1,2})(\s*日)"
)
# A month without a day (「平成２７年１０月」 保有開始日, 「令和4年12月（予定）」): the year alone shifts. The
# form's version stamp 「[平成30年５月　様式４]」 is a month without a day too: the bracket before it
# and 様式 after it keep it out.
_MONTH = re.compile(
    r"(?<!\[)(令和|平成)(\s*)([0-9０-９]{1,2}|元)(\s*年\s*)([0-9０-９]{1,2})(\s*月)(?!\s*[0-9０-９]{1,2}\s*日)(?!\s*様式)"
)


def _shift_date(m: re.Match[str]) -> str:
    """--- set `dates`: 令和N年 → 令和N+1年, 平成N年 → 平成N−1年, the day D → D+1 (D <= 27, so every
    date stays valid and 平成 stays before 平成31年4月30日). Only full dates with a day: the form's
    version stamp 「平成30年５月　様式３」 and law numbers 「平成25年法律第27号」 have no day and are
    untouched. The digits keep their width (full-width stays full-width)."""
    era, s1, year, s2, month, s3, day, s4 = (*m.groups(), "", "")[:8]
    n = 1 if year == "元" else int(year.translate(_DIGITS))
    n = n + 1 if era == "令和" else max(n - 1, 2)
    wide = any("０" <= c <= "９" for c in year + day)
    fmt = (lambda v: str(v).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) if wide else str
    if day:
        d = int(day.translate(_DIGITS))
        day = fmt(d + 1 if d <= 27 else d)
    return f"{era}{s1}{fmt(n)}{s2}{month}{s3}{day}{s4}"


def _spread(word: str, found: str) -> str:
    """`word` in place of `found`, keeping the whitespace (line breaks) `found` has inside, the new
    word split at the same relative places."""
    parts = re.split(r"(\s+)", found)
    chunks = parts[0::2]
    total = sum(len(c) for c in chunks) or 1
    out, used, seen = [], 0, 0
    for i, chunk in enumerate(chunks):
        seen += len(chunk)
        cut = len(word) if i == len(chunks) - 1 else round(len(word) * seen / total)
        out.append(word[used:cut])
        used = cut
        if i < len(chunks) - 1:
            out.append(parts[2 * i + 1])
    return "".join(out)


def _variants() -> dict[str, str]:
    """Glyph variants the importer reads as one character (a PDF's CJK radical 「⺠」 for 「民」), as the
    importer's own line cleaning maps them, so a renamed word is found in the seed however printed."""
    found: dict[str, str] = {}
    for code in range(0x2E80, 0x2F00):
        glyph = chr(code)
        read = "".join(lines.clean(glyph))
        if len(read) == 1 and read != glyph:
            found[read] = found.get(read, read) + glyph
    return found


_VARIANTS = _variants()


def _word_pattern(word: str) -> str:
    """A word that may be broken by whitespace between any two of its characters and printed with
    glyph variants (a lookahead written in the word is kept as is)."""
    head, sep, tail = word.partition("(?")
    chars = [f"[{re.escape(_VARIANTS[c])}]" if c in _VARIANTS else re.escape(c) for c in head]
    return r"\s*".join(chars) + (sep + tail if sep else "")


class Renamer:
    """One substitution set; counts how often each entry replaced something."""

    def __init__(self, name: str, pairs: list[tuple[str, str]] | None) -> None:
        self.name = name
        self.pairs = pairs or []
        self.counts: dict[str, int] = {}
        if pairs:
            ordered = sorted(pairs, key=lambda p: -len(p[0]))
            self._new = {_key(old): new for old, new in ordered}
            self._re = re.compile("|".join(f"({_word_pattern(old)})" for old, _ in ordered))
            self._olds = [_key(old) for old, _ in ordered]

    def __call__(self, text: str) -> str:
        if not self.pairs:
            out, n = _DATE.subn(_shift_date, text)
            out, k = _MONTH.subn(_shift_date, out)
            self.counts["date"] = self.counts.get("date", 0) + n
            self.counts["month"] = self.counts.get("month", 0) + k
            return out
        return self._re.sub(self._one, text)

    def _one(self, m: re.Match[str]) -> str:
        old = self._olds[(m.lastindex or 1) - 1]
        self.counts[old] = self.counts.get(old, 0) + 1
        return _spread(self._new[old], m.group(0))


def _key(pattern: str) -> str:
    return pattern.partition("(?")[0]


SETS: dict[str, Callable[[], Renamer]] = {
    "names": lambda: Renamer("names", NAMES),
    "dates": lambda: Renamer("dates", None),
    "wording": lambda: Renamer("wording", WORDING),
}


def form_strings() -> set[str]:
    """Every string the form prints: schema/ titles, option lists, keys (not the `description`
    guidance, which is never printed)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, sub in node.items():
                found.add(str(key))
                if key != "description":
                    walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)
        elif isinstance(node, str):
            found.add(node)

    for path in (ROOT / "schema").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def check_safe(pairs: list[tuple[str, str]]) -> None:
    strings = form_strings()
    for old, _ in pairs:
        word = _key(old)
        hits = [s for s in strings if word in s]
        if hits:
            raise SystemExit(f"substitution {word!r} touches the form's own text: {hits[:3]}")


def rename_data(node: Any, rename: Renamer) -> Any:
    """Every string value renamed; keys (option texts, field names) untouched."""
    if isinstance(node, dict):
        return {k: rename_data(v, rename) for k, v in node.items()}
    if isinstance(node, list):
        return [rename_data(v, rename) for v in node]
    if isinstance(node, str):
        return rename(node)
    return copy.deepcopy(node)


def _hits(example: dict[str, Any], got: dict[str, Any]) -> tuple[int, int, set[str], dict[str, str]]:
    per, missed = score(example, got)
    paths = {line.split(": want ", 1)[0]: line for line in missed}
    return sum(c[0] for c in per.values()), sum(c[1] for c in per.values()), set(paths), paths


def compare(seed: Path, names: list[str], set_name: str) -> list[dict[str, Any]]:
    """One seed under one set: per example, the shares before and after and the leaves lost."""
    text = seed.read_bytes().decode("utf-8")
    rename = SETS[set_name]()
    renamed_text = rename(text)
    seed_counts = dict(rename.counts)
    if not seed_counts or not sum(seed_counts.values()):
        raise SystemExit(f"{seed.name}: set {set_name!r} replaced nothing")
    original = [m.data for m in text_importer.read(text.encode("utf-8")).models]
    renamed = [m.data for m in text_importer.read(renamed_text.encode("utf-8")).models]
    rows = []
    for name in names:
        example = source.load(ROOT / "examples" / f"{name}.yaml").data
        before = rename.counts.copy()
        renamed_example = rename_data(example, rename)
        in_example = sum(rename.counts.values()) - sum(before.values())
        h0, t0, miss0, _ = _hits(example, match(original, example))
        h1, t1, miss1, lines1 = _hits(renamed_example, match(renamed, renamed_example))
        lost = [lines1[p] for p in sorted(miss1 - miss0, key=list(lines1).index)]
        gained = sorted(miss0 - miss1)
        rows.append(
            dict(
                name=name,
                before=(h0, t0),
                after=(h1, t1),
                lost=lost,
                gained=gained,
                in_seed=sum(seed_counts.values()),
                in_example=in_example,
                counts=seed_counts,
            )
        )
    return rows


def run(seeds: Path, sets: list[str], show_missed: int = 0) -> dict[tuple[str, str], tuple[float, float]]:
    check_safe(NAMES + WORDING)
    shares = {}
    for set_name in sets:
        print(f"== set {set_name}")
        used: set[str] = set()
        for prefix, names in EXAMPLES.items():
            seed = next(seeds.glob(f"{prefix}_*.txt"), None)
            if seed is None:
                continue
            for row in compare(seed, names, set_name):
                used |= {k for k, v in row["counts"].items() if v}
                (h0, t0), (h1, t1) = row["before"], row["after"]
                a, b = h0 / t0, h1 / t1
                shares[(set_name, row["name"])] = (a, b)
                print(
                    f"{seed.name} → {row['name']}: original {h0}/{t0} = {a:.1%}, renamed {h1}/{t1} = "
                    f"{b:.1%}, difference {100 * (b - a):+.1f} points "
                    f"(replaced {row['in_seed']} in the seed, {row['in_example']} in the example; "
                    f"lost {len(row['lost'])}, gained {len(row['gained'])})"
                )
                if show_missed:
                    tally = ", ".join(f"{k}×{v}" for k, v in row["counts"].items())
                    print(f"      replaced in the seed: {tally}")
                for line in row["lost"][:show_missed]:
                    print("      lost", line)
                for line in row["gained"][:show_missed]:
                    print("      gained", line)
        listed = {_key(old) for old, _ in SETS[set_name]().pairs}
        if listed - used:
            raise SystemExit(f"set {set_name!r}: no seed holds {sorted(listed - used)} (a dead substitution)")
    return shares


if __name__ == "__main__":
    args = sys.argv[1:]
    n = int(args[args.index("--missed") + 1]) if "--missed" in args else 0
    chosen = args[args.index("--set") + 1] if "--set" in args else "all"
    flags = {"--missed", "--set"}
    paths = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] not in flags)]
    run(Path(paths[0]) if paths else SEEDS, list(SETS) if chosen == "all" else [chosen], n)
