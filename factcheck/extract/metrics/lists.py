"""Lists of names that pair with lists of values: 雏鹰、瞪羚、准独角兽企业分别…, 城乡居民人均可支配收入分别…,
三次产业结构为7.6:44.8:47.6."""

from __future__ import annotations

import regex

from factcheck.extract.metrics.names import _strip_linking_tail, _trim, clean, tokenizer, vocabulary
from factcheck.extract.metrics.subjects import is_generic_head
from factcheck.text import segment

_LIST_SPLIT = regex.compile(r"、|以及|和|及|与")
# Words a list member can end in and still lack its head (工业战略性新兴产业、高新技术产业产值占规上工业比重): the
# earlier members take the part of the last one from the first of these on.
_MEASURE_TOKENS = ("产值", "增加值", "营收", "营业收入", "占", "比重", "增速", "规模", "余额", "价格", "总额", "占比")
_HEAD_NOUNS = ("企业", "产业", "项目", "中心", "平台", "基地", "园区", "集群", "机构", "工厂", "实验室")
_JOINED = regex.compile("和|及|与")
_COUNTED = regex.compile(r"^[\d.]+[个条家项所座户]")
# A leading per-unit base that the later members share (单位国内生产总值用水量、能耗、二氧化碳排放量).
_SHARED_BASE = regex.compile(r"^(?:单位|万元|每万元)(?:国内|地区)?(?:生产总值|GDP)")


def respectively_names(prefix: str, region_names: tuple[str, ...] = (), separators: str = "") -> list[str]:
    """The names a 分别 list pairs with its values ("雏鹰、瞪羚、准独角兽企业分别" → three names); separators
    (a regex) overrides the words that part them."""
    split = regex.compile(separators) if separators else _LIST_SPLIT
    pieces = [p for p in split.split(clean(prefix)) if p]
    if not pieces:
        return []
    if len(pieces) == 1:
        name = _trim([t for t in tokenizer().cut(pieces[0]) if t.strip()], region_names)
        return expand(name) or ([name] if name else [])
    names = []
    for i, piece in enumerate(pieces):
        piece = _COUNTED.sub("", piece)  # 16条省级重点产业链、18个省级特色专业镇营业收入: the names, not their counts
        tokens = [t for t in tokenizer().cut(piece) if t.strip()]
        names.append(_trim(tokens, region_names) if i == 0 else "".join(_strip_linking_tail(tokens)))
    return _share_base(_share_tail(names))


def expand(name: str) -> list[str]:
    """A single name that stands for several (城乡居民人均可支配收入 → 城镇…, 农村…; 三次产业的比重 → 第一产业比重…),
    or [] when it does not."""
    expansions = vocabulary().expansions
    for short in sorted(expansions, key=len, reverse=True):
        if name.startswith(short):
            return [part + name[len(short):] for part in expansions[short]]
    return []


def _complete(name: str) -> bool:
    """A member that names a metric of its own (规上工业增加值、规上服务业营收): it takes nothing from the last."""
    return name in vocabulary().canonical or is_generic_head(name) or name.endswith(_MEASURE_TOKENS)


def _share_tail(names: list[str]) -> list[str]:
    """Give the earlier names of a 分别 list the head the last one carries: 雏鹰、瞪羚、准独角兽企业 → 雏鹰企业;
    城镇、农村常住居民人均可支配收入 → 城镇常住居民人均可支配收入; 刑事治安、涉诈、涉毒警情 → 刑事治安警情;
    工业战略性新兴产业、高新技术产业产值占规上工业比重 → 工业战略性新兴产业产值占规上工业比重."""
    if len(names) < 2 or not names[-1]:
        return names
    last = names[-1]
    tokens = segment.plain().cut(last)
    head = next((h for h in _HEAD_NOUNS if last.endswith(h)), None)
    at = min((p for p in _boundaries(last) if p > 0 and last.startswith(_MEASURE_TOKENS, p)), default=None)
    # short modifiers before one head (城镇、农村常住居民…); not when the last name joins two of its own
    # (金融业、软件和信息服务业增加值)
    modifiers = all(_modifier(n) for n in names[:-1]) and len(tokens) > 1 and not _JOINED.search(last)
    tail = None
    if head:
        tail = head
    elif modifiers:
        tail = "".join(tokens[1:])
        width = {len(n) for n in names[:-1]}
        k = width.pop() if len(width) == 1 else 0
        if 2 <= k <= len(tokens[0]) - 2 and all(len(segment.plain().cut(part)) == 1
                                                for part in (tokens[0][:k], tokens[0][k:])):
            tail = last[k:]  # 城镇、农村居民人均可支配收入: 农村居民 is one word, but 城镇 stands for 农村 alone
    elif at is not None:
        tail = last[at:]
    if not tail:
        return _share_standard(names)
    return [n if (n.endswith(tail) or not n or _complete(n)) else n + tail for n in names[:-1]] + [last]


# A word a list's last member ends in that the others, ending in the same noun before it, share: 困难残疾人生活补贴、
# 重度残疾人护理补贴标准分别… → 困难残疾人生活补贴标准 (each 补贴 has its 标准).
_SHARED_LAST_WORDS = ("标准",)


def _share_standard(names: list[str]) -> list[str]:
    last = names[-1]
    word = next((w for w in _SHARED_LAST_WORDS if last.endswith(w) and len(last) > len(w) + 2), None)
    if word is None:
        return names
    before = last[:-len(word)][-2:]  # the noun the word is of (补贴)
    return [n + word if n and n.endswith(before) else n for n in names[:-1]] + [last]


def _boundaries(text: str) -> set[int]:
    """Where words start in text, as either tokenizer cuts it (营业收入 is one word to one of them only);
    segment.plain() is jieba without the metric names as words, so that a name splits into its parts
    (高新技术产业产值占规上工业比重 → …产值, 占, …)."""
    out = set()
    for tok in (tokenizer(), segment.plain()):
        pos = 0
        for word in tok.cut(text):
            out.add(pos)
            pos += len(word)
    return out


def _modifier(name: str) -> bool:
    """城镇, 刑事治安: a member that qualifies the head of the last one; not 接待游客, a noun of its own."""
    words = tokenizer().tag(name)
    return len(words) == 1 or (1 < len(words) and len(name) <= 4 and words[-1].flag != "n")


def _share_base(names: list[str]) -> list[str]:
    base = _SHARED_BASE.match(names[0]) if names and names[0] else None
    if base is None:
        return names
    return [names[0]] + [n if not n or n.startswith(base.group()) else base.group() + n for n in names[1:]]
