"""Metric phrases: the noun phrase a figure measures, bounded with jieba and normalized through aliases."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

import regex

from factcheck.rulesdata import load_toml

_QUOTES = regex.compile(r"[“”\"‘’'「」『』《》〈〉\s*]")
_LIST_SPLIT = regex.compile(r"、|以及|和|及|与")
_YEARISH = regex.compile(r"^(?:(?:19|20)\d\d年(?:底|末|初|度)?|今年|去年|上年|全年|当年|截至|截止|到|至)$")
_TIME = r"(?:(?:19|20)\d\d年(?:底|末|初|度|上半年|前三季度)?|(?:今年|去年|上年|当年|全年)(?:末|底|初)?|年末|年底|十[一二三四五六]五(?:时期|期间|末|以来)?)"
_LEADING_TIME = regex.compile(rf"^(?:(?:截至|截止|到|至|在)?{_TIME}[，,的]?)+")
_TRAILING_TIME = regex.compile(rf"(?:(?:从|由|较|比|与|到)?{_TIME}(?:的)?)+$")
_MEASURE_TOKENS = ("产值", "增加值", "营收", "营业收入", "占", "比重", "增速", "规模", "余额", "价格", "总额", "占比")
_HEAD_NOUNS = ("企业", "产业", "项目", "中心", "平台", "基地", "园区", "集群", "机构", "工厂", "实验室")


@dataclass(frozen=True, slots=True)
class MetricVocabulary:
    canonical: dict[str, str]
    linking: frozenset[str]
    introducing: frozenset[str]
    leading: frozenset[str]
    subject_verbs: frozenset[str]
    rank_cues: frozenset[str]
    expansions: dict[str, tuple[str, ...]]
    subject_measures: frozenset[str]
    generic_heads: frozenset[str]
    after_stops: frozenset[str]


@cache
def vocabulary() -> MetricVocabulary:
    data = load_toml("metrics.toml")
    canonical: dict[str, str] = {}
    for name, aliases in data["aliases"].items():
        canonical[clean(name)] = name
        for alias in aliases:
            canonical[clean(alias)] = name
    words = data["words"]
    return MetricVocabulary(canonical, frozenset(words["linking"]), frozenset(words["introducing"]),
                            frozenset(words["leading"]), frozenset(words["subject_verbs"]),
                            frozenset(words["rank_cues"]),
                            {k: tuple(v) for k, v in data["respectively_expansions"].items()},
                            frozenset(words["subject_measures"]), frozenset(words["generic_heads"]),
                            frozenset(words["after_stops"]))


@cache
def tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    vocab = vocabulary()
    for word in set(vocab.canonical) | set(vocab.canonical.values()):
        tok.add_word(word, freq=200000)
    for word in vocab.linking | vocab.introducing | vocab.rank_cues | vocab.subject_measures:
        tok.add_word(word, freq=20000)
    return tok


def clean(phrase: str) -> str:
    return _QUOTES.sub("", phrase)


def canonical(phrase: str | None) -> str | None:
    if not phrase:
        return None
    key = clean(phrase)
    return vocabulary().canonical.get(key, key) or None


_FOOTNOTE = regex.compile(r"\[\d{1,2}\]|［\d{1,2}］|[①-⑳]")
# A bracketed note inside a name (创新创业人才(团队), “经认证的经营者”（AEO）) qualifies it; kept, it would
# cut the phrase at its brackets.
_NOTE = regex.compile(r"[（(][^（）()，。；]{1,12}[）)]")
_STOP_AFTER = frozenset({"的", "等", "和", "及", "与", "或", "以及", "、"})


def before(prefix: str, region_names: tuple[str, ...] = (), rank: bool = False) -> str:
    """The metric phrase ending just before a figure ("全社会研发投入强度达" → 全社会研发投入强度). For a rank,
    what stands before the rank words (技术合同成交额综合评价排名位居全省 → 技术合同成交额综合评价排名)."""
    prefix = _FOOTNOTE.sub("", prefix)
    figure = None
    for figure in regex.finditer(r"(?<![A-Za-z\d._])\d+(?:\.\d+)?(?![\d.年月日号A-Za-z])", prefix):
        pass
    if figure is not None:
        prefix = prefix[figure.end():]  # 相当于5年前的1.5个百分点…: nothing before another figure belongs to this one
    gloss = _gloss(prefix)
    if gloss:
        return gloss
    tokens = _tokens_without_notes(prefix)
    if rank:
        cues = [i for i, t in enumerate(tokens) if _is_rank_cue(t)]
        if cues:
            keep = tokens[:cues[-1]]
            if tokens[cues[-1]] == "排名":
                keep.append("排名")
            tokens = keep
    return _tidy(_trim(tokens, region_names))


def _tokens_without_notes(text: str) -> list[str]:
    """Tokens of text with bracketed notes left out; each side is cut on its own so that jieba does not
    glue the words around a note (县（市、区）达 → 县, 达)."""
    tokens: list[str] = []
    for piece in _NOTE.split(text):
        tokens.extend(t for t in tokenizer().lcut(clean(piece)) if t.strip())
    return tokens


def _gloss(prefix: str) -> str:
    """占总人口的比重（常住人口城镇化率）为: a bracket just before the figure that names a known metric
    is its standard name."""
    note = None
    for note in _NOTE.finditer(prefix):
        pass
    if note is None:
        return ""
    name = clean(note.group()[1:-1])
    rest = [t for t in tokenizer().lcut(clean(prefix[note.end():])) if t.strip()]
    if name in vocabulary().canonical and not _strip_linking_tail(rest):
        return name
    return ""


def _is_rank_cue(token: str) -> bool:
    """位居, and also 位居全国 or 居全省 where jieba keeps the scope on the cue."""
    cues = vocabulary().rank_cues
    return token in cues or any(token.startswith(cue) for cue in cues if len(cue) >= 2)


def after(suffix: str) -> str:
    """The counted thing right after a figure ("44家国家重点实验室" → 国家重点实验室): nouns up to the first
    verb, function word, figure or punctuation."""
    vocab = vocabulary()
    out: list[str] = []
    for word in tokenizer().lcut(clean(_FOOTNOTE.sub("", suffix[:24]))):
        if (_is_punct(word) or word in _STOP_AFTER or any(ch.isdigit() for ch in word)
                or word in vocab.after_stops or (word in vocab.linking and word not in _HEDGE_WORDS)):
            break
        out.append(word)
    return _tidy("".join(out))


def _tidy(phrase: str) -> str:
    return phrase if len(phrase) >= 2 and phrase not in vocabulary().linking else ""


_HEDGE_WORDS = frozenset({"超", "近", "约", "逾"})


def respectively_names(prefix: str, region_names: tuple[str, ...] = ()) -> list[str]:
    """The names a 分别 list pairs with its values ("雏鹰、瞪羚、准独角兽企业分别" → three names)."""
    pieces = [p for p in _LIST_SPLIT.split(clean(prefix)) if p]
    if not pieces:
        return []
    if len(pieces) == 1:
        name = _trim([t for t in tokenizer().lcut(pieces[0]) if t.strip()], region_names)
        for short, parts in vocabulary().expansions.items():
            if name.startswith(short):
                return [part + name[len(short):] for part in parts]
        return [name] if name else []
    names = []
    for i, piece in enumerate(pieces):
        tokens = [t for t in tokenizer().lcut(piece) if t.strip()]
        names.append(_trim(tokens, region_names) if i == 0 else "".join(_strip_linking_tail(tokens)))
    return _share_tail(names)


def sentence_subject(sentence_start: str, region_names: tuple[str, ...] = ()) -> str:
    """The subject of a sentence that opens "X实现/完成/有 …" (规模以上工业企业实现营业收入 → 规模以上工业企业)."""
    vocab = vocabulary()
    tokens = [t for t in tokenizer().lcut(clean(sentence_start[:60])) if t.strip()]
    clause = 0
    for i, token in enumerate(tokens):
        if _is_punct(token):
            clause = i + 1  # 2022年，全省开发区实现营业收入…: the subject is in the clause with the verb
            continue
        if token in vocab.introducing and token not in vocab.subject_verbs:
            return ""
        if token in vocab.subject_verbs:
            subject = "".join(_strip_leading(_without_years(tokens[clause:i]), region_names))
            subject = _LEADING_TIME.sub("", subject)
            return subject if 2 <= len(subject) <= 12 else ""
    return ""


def _without_years(tokens: list[str]) -> list[str]:
    return [t for t in tokens if not _YEARISH.match(t)]


def is_subject_measure(phrase: str) -> bool:
    return phrase in vocabulary().subject_measures


def is_generic_head(phrase: str) -> bool:
    return phrase in vocabulary().generic_heads


def _share_tail(names: list[str]) -> list[str]:
    """Give the earlier names of a 分别 list the head the last one carries: 雏鹰、瞪羚、准独角兽企业 → 雏鹰企业;
    城镇、农村常住居民人均可支配收入 → 城镇常住居民人均可支配收入; 工业战略性新兴产业、高新技术产业产值占规上工业比重
    → 工业战略性新兴产业产值占规上工业比重."""
    if len(names) < 2 or not names[-1]:
        return names
    last = names[-1]
    tokens = tokenizer().lcut(last)
    head = next((h for h in _HEAD_NOUNS if last.endswith(h)), None)
    tail = None
    if head:
        tail = head
    elif all(len(tokenizer().lcut(n)) == 1 for n in names[:-1]) and len(tokens) > 1:
        tail = "".join(tokens[1:])
    else:
        at = next((i for i, t in enumerate(tokens) if t in _MEASURE_TOKENS and i > 0), None)
        if at is not None:
            tail = "".join(tokens[at:])
    if not tail:
        return names
    return [n if (n.endswith(tail) or not n) else n + tail for n in names[:-1]] + [last]


@cache
def _linking_suffix() -> regex.Pattern:
    words = sorted((w for w in vocabulary().linking if len(w) >= 2), key=len, reverse=True)
    return regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + ")$")


def _strip_linking_tail(tokens: list[str]) -> list[str]:
    """Drop verbs and hedges between a metric and its figure, also where jieba glued them to the noun
    (价格上涨 → 价格)."""
    vocab = vocabulary()
    suffix = _linking_suffix()
    while tokens:
        last = tokens[-1]
        if last in vocab.linking or _is_punct(last):
            tokens.pop()
            continue
        m = suffix.search(last)
        if m is None or m.start() == 0:
            break
        tokens[-1] = last[:m.start()]
    return tokens


def _trim(tokens: list[str], region_names: tuple[str, ...]) -> str:
    vocab = vocabulary()
    tokens = _strip_linking_tail(tokens)
    cut = 0
    for i, token in enumerate(tokens):
        if token == "、" and _listed_noun(tokens[cut:i], region_names):
            continue  # 交通运输、仓储和邮政业增加值: one name with coordinated parts
        if token in vocab.introducing or _is_punct(token) or token == "等":
            cut = i + 1  # 燕莎桥等251座桥, 锡科贷等科技风险补偿贷款: the examples stand before 等
    subject: list[str] = []
    if cut and tokens[cut - 1] in vocab.subject_verbs:
        subject = _strip_leading(tokens[:cut - 1], region_names)
        if not subject or any(vocab.introducing.__contains__(t) or _is_punct(t) for t in subject) or len("".join(subject)) > 12:
            subject = []
    tokens = subject + tokens[cut:]
    tokens = _strip_leading(tokens, region_names)
    phrase = _TRAILING_TIME.sub("", _LEADING_TIME.sub("", "".join(tokens)))
    if phrase.endswith("等"):
        return ""  # 燕莎桥等251座: examples, the counted thing follows the figure
    if phrase in region_names:
        return ""  # 无锡高新区第二位: the region is not what is ranked
    for name in sorted(region_names, key=len, reverse=True):
        if phrase.startswith(name) and len(phrase) > len(name) + 1:
            phrase = phrase[len(name):]
            break
    return phrase if len(phrase) >= 2 and phrase not in vocab.linking else ""


def _listed_noun(segment: list[str], region_names: tuple[str, ...]) -> bool:
    """Whether the words before a 、 are a short noun that a list continues (电力、热力生产和供应业), not a
    clause of its own (规模大幅增加、专项转移支付项目…)."""
    vocab = vocabulary()
    text = "".join(segment)
    if not 2 <= len(text) <= 8 or any(t in vocab.linking or t in vocab.introducing or t in region_names
                                      or _is_punct(t) for t in segment):
        return False
    first = next(iter(_tagger().cut(text)))
    # 加快研发、整车…, 这是追赶进位、…: a verb or a demonstrative opens a clause
    return first.flag not in ("v", "p", "d", "c", "m") and not first.word.startswith(("这", "那"))


@cache
def _tagger():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer())


def _strip_leading(tokens: list[str], region_names: tuple[str, ...]) -> list[str]:
    vocab = vocabulary()
    tokens = list(tokens)
    while tokens and (tokens[0] in vocab.leading or tokens[0] in region_names or _YEARISH.match(tokens[0])
                      or _is_punct(tokens[0])):
        tokens.pop(0)
    return tokens


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() and ch != "_" for ch in token)  # PM_2.5 is a name
