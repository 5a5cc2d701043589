"""Name handling shared by lookup, search and exceedance: normalisation, CJK splitting, pinyin keys.

Parameter names arrive from instruments, lab sheets and typing in many spellings ("Cr⁶⁺", "Cr (VI)",
"六价铬", "总镉"). Everything is compared after ``normalize`` so those spellings meet in one key.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs (+ extension A and compatibility block): the characters we split one per token,
# because SQLite's unicode61 tokenizer would otherwise keep a whole run ("六价铬") as one token and a
# search for "铬" would miss it.
CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # for [...] classes
CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
CJK_RUN = re.compile(f"[{CJK_RANGES}]+")
LATIN_TOKEN = re.compile(r"[0-9a-z]+")
# One "formula-like" token: starts with an element symbol, may carry charges/sub/superscripts/brackets.
_FORMULA_TOKEN = re.compile(r"^[A-Z][A-Za-z0-9()\u2080-\u2089\u2070-\u2079\u00b2\u00b3\u207a\u207b+\-]*$")


def fold(text: str) -> str:
    """NFKC + casefold: superscripts/subscripts become digits, full-width becomes ASCII, case is dropped."""
    return unicodedata.normalize("NFKC", text).casefold()


def normalize(name: str) -> str:
    """Key for exact alias comparison: folded, all whitespace removed, micro/Greek mu unified."""
    folded = fold(name).replace("µ", "μ")
    return "".join(folded.split())


def name_variants(name: str) -> list[str]:
    """A display name and its useful parts.

    "Phenol / volatile phenols" -> whole, "Phenol", "volatile phenols";
    "Xylene (sum of isomers)" -> whole, "Xylene"; "酸碱（pH异常）" -> whole, "酸碱"."""
    out = [name]
    for part in re.split(r"\s*/\s*", name):
        out.append(part)
        bare = re.split(r"\s*[(（]", part, maxsplit=1)[0]
        out.append(bare)
    return [v for v in dict.fromkeys(o.strip() for o in out) if v]


def formula_variants(formula: str) -> list[str]:
    """Formula-like tokens of a free-text formula field ("Tl⁺ / Tl³⁺" -> ["Tl⁺", "Tl³⁺"])."""
    out = []
    for tok in re.split(r"[\s/,;]+", formula):
        tok = tok.strip()
        if tok and _FORMULA_TOKEN.match(tok) and tok.count("(") == tok.count(")"):
            out.append(tok)
    return out


def spaced_cjk(text: str) -> str:
    """Put spaces around every CJK character so FTS5 indexes each ideograph as its own token."""
    return CJK_CHAR.sub(lambda m: f" {m.group(0)} ", text)


def pinyin_keys(text: str) -> list[str]:
    """Pinyin forms of the Chinese characters in ``text``: syllables ("liu jia ge"), joined ("liujiage"),
    initials ("ljg"), and a u-for-ü variant ("lv" -> "lu"). Empty when there is no Chinese.

    pypinyin is imported here, at index-build time only, so the search path never pays for it.
    """
    runs = CJK_RUN.findall(text)
    if not runs:
        return []
    from pypinyin import Style, lazy_pinyin

    keys: list[str] = []
    for run in runs:
        syllables = [s.lower() for s in lazy_pinyin(run, errors="ignore")]
        if not syllables:
            continue
        initials = "".join(s[0] for s in lazy_pinyin(run, style=Style.FIRST_LETTER, errors="ignore"))
        forms = [" ".join(syllables), "".join(syllables), initials.lower()]
        forms += [f.replace("v", "u") for f in forms if "v" in f]
        keys.extend(forms)
    return list(dict.fromkeys(keys))


def cas_check_digit_ok(cas: str) -> bool:
    """CAS registry number check: last digit = sum(position * digit) mod 10, positions counted from the
    right of the first two groups (7440-43-9: 3*7+... ). Also enforces the NNNNNNN-NN-N shape."""
    m = re.fullmatch(r"(\d{2,7})-(\d{2})-(\d)", cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    total = sum((i + 1) * int(d) for i, d in enumerate(digits))
    return total % 10 == int(m.group(3))
