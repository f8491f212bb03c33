"""Metric phrases: the noun phrase a figure measures, bounded with jieba and normalized through aliases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from factcheck.text.segment import Segmenter
from factcheck.vocab.data import extra_aliases, load_toml, loaded_from_rules

_QUOTES = regex.compile(r"[“”\"‘’'「」『』《》〈〉\s*]")
_YEARISH = regex.compile(r"^(?:(?:19|20)\d\d年(?:底|末|初|度)?|今年|去年|上年|全年|当年|截至|截止|到|至)$")
_TIME = (r"(?:(?:19|20)\d\d年(?:底|末|初|度|上半年|前三季度)?|(?:今年|去年|上年|当年|全年)(?:末|底|初)?|年末|年底"
         r"|十[一二三四五六]五(?:时期|期间|末|以来)?)")
_LEADING_TIME = regex.compile(rf"^(?:(?:截至|截止|到|至|在)?{_TIME}[，,的]?)+")
_TRAILING_TIME = regex.compile(rf"(?:(?:从|由|较|比|与|到)?{_TIME}(?:的)?)+$")


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
    group_measures: dict[str, str]
    floor_measures: frozenset[str]
    whole_words: frozenset[str]
    amount_measures: frozenset[str]
    part_measures: frozenset[str]
    relative_verbs: tuple[str, ...]
    qualified_heads: frozenset[str]


@loaded_from_rules
@cache
def vocabulary() -> MetricVocabulary:
    data = load_toml("metrics.toml")
    canonical: dict[str, str] = {}
    for name, aliases in [*data["aliases"].items(), *extra_aliases().items()]:
        canonical[clean(name)] = name
        for alias in aliases:
            canonical[clean(alias)] = name
    for old, new in data.get("renamings", {}).items():  # 国家重点实验室 → 全国重点实验室: one series
        canonical[clean(new)] = new
        canonical[clean(old)] = new
    words = data["words"]
    return MetricVocabulary(canonical, frozenset(words["linking"]), frozenset(words["introducing"]),
                            frozenset(words["leading"]), frozenset(words["subject_verbs"]),
                            frozenset(words["rank_cues"]),
                            {k: tuple(v) for k, v in data["respectively_expansions"].items()},
                            frozenset(words["subject_measures"]), frozenset(words["generic_heads"]),
                            frozenset(words["after_stops"]), dict(data["group_measures"]),
                            frozenset(words["floor_measures"]), frozenset(words["whole_words"]),
                            frozenset(words["amount_measures"]), frozenset(words["part_measures"]),
                            tuple(sorted(words["relative_verbs"], key=len, reverse=True)),
                            frozenset(words["qualified_heads"]))


@loaded_from_rules
@cache
def tokenizer() -> Segmenter:
    """jieba's words and the metric vocabulary: names as single words (high frequency), cue words too."""
    vocab = vocabulary()
    # the order jieba.Tokenizer.add_word calls were made in: a word in both sets ends at the second frequency
    added = [(word, 200000) for word in set(vocab.canonical) | set(vocab.canonical.values())]
    added += [(word, 20000) for word in
              vocab.linking | vocab.introducing | vocab.rank_cues | vocab.subject_measures | vocab.whole_words]
    return Segmenter(added)


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
_FIGURE = regex.compile(r"(?<![A-Za-z\d._])\d+(?:\.\d+)?(?![\d.年月日号A-Za-z])")
_STOP_AFTER = frozenset({"的", "等", "和", "及", "与", "或", "以及", "、", "以", "被", "并"})


# The phrase finders are pure functions of short windows, which recur: the same clause read for several
# figures, the same wording in the reports of many years and regions. A bounded memo each (lru_cache: C).
_PHRASES = 50_000


@loaded_from_rules  # the phrases depend on the metric vocabulary (the segmenter's words)
@lru_cache(maxsize=_PHRASES)
def before(prefix: str, region_names: tuple[str, ...] = (), rank: bool = False) -> str:
    """The metric phrase ending just before a figure ("全社会研发投入强度达" → 全社会研发投入强度). For a rank,
    what stands before the rank words (技术合同成交额综合评价排名位居全省 → 技术合同成交额综合评价排名)."""
    prefix = _FOOTNOTE.sub("", prefix)
    figures = list(_FIGURE.finditer(prefix))
    figure = figures[-1] if figures else None
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


def without_notes(text: str) -> str:
    return _NOTE.sub("", text)


def _tokens_without_notes(text: str, mark: str = "") -> list[str]:
    """Tokens of text with bracketed notes left out (or replaced by mark); each side is cut on its own so
    that jieba does not glue the words around a note (县（市、区）达 → 县, 达)."""
    return list(_iter_tokens_without_notes(text, mark))


def _iter_tokens_without_notes(text: str, mark: str = "") -> Iterator[str]:
    """_tokens_without_notes(text, mark), cut as it is read."""
    cut = tokenizer().iter_cut
    for i, piece in enumerate(_NOTE.split(text)):
        if i and mark:
            yield mark
        yield from (t for t in cut(clean(piece)) if t.strip())


def _gloss(prefix: str) -> str:
    """占总人口的比重（常住人口城镇化率）为: a bracket just before the figure that names a known metric
    is its standard name."""
    notes = list(_NOTE.finditer(prefix))
    note = notes[-1] if notes else None
    if note is None:
        return ""
    name = clean(note.group()[1:-1])
    rest = [t for t in tokenizer().cut(clean(prefix[note.end():])) if t.strip()]
    if name in vocabulary().canonical and not _strip_linking_tail(rest):
        return name
    return ""


def _is_rank_cue(token: str) -> bool:
    """位居, and also 位居全国 or 居全省 where jieba keeps the scope on the cue."""
    cues = vocabulary().rank_cues
    return token in cues or any(token.startswith(cue) for cue in cues if len(cue) >= 2)


@loaded_from_rules
@lru_cache(maxsize=_PHRASES)
def after(suffix: str) -> str:
    """The counted thing right after a figure ("44家国家重点实验室" → 国家重点实验室): nouns up to the first
    verb, function word, figure or punctuation."""
    vocab = vocabulary()
    out: list[str] = []
    attributive = False
    # a note ends the counted noun (5个乡镇（街道）一般公共预算收入…); the words are cut as they are read, as
    # far ahead as _bound_modifier looks (one, two after 以上): the loop mostly stops at the first mark
    stream = _iter_tokens_without_notes(_FOOTNOTE.sub("", suffix[:24]), mark="()")
    words: list[str] = []

    def read_to(index: int) -> None:
        while len(words) <= index:
            word = next(stream, None)
            if word is None:
                return
            words.append(word)

    i = -1
    while True:
        i += 1
        read_to(i + 1)
        if i >= len(words):
            break
        if i + 1 < len(words) and words[i + 1] in ("以上", "以下"):
            read_to(i + 2)
        word = words[i]
        if _bound_modifier(words, i):
            pass  # 省级以上高新区, 规模以上工业企业: X以上 qualifies the noun after it
        elif not out and word in vocab.after_stops:
            attributive = True  # 2家上市企业, 亿元以上新开工项目: a verb right after the counter qualifies the noun
        elif (_is_punct(word) or word in _STOP_AFTER or any(ch.isdigit() for ch in word)
                or word in vocab.after_stops or (word in vocab.linking and word not in _HEDGE_WORDS)):
            break
        out.append(word)
    phrase = "".join(out)
    if attributive and not phrase.endswith(_COUNTED_HEADS):
        return ""  # 3种实现增长: the verb is the predicate
    return phrase if phrase in _ONE_CHAR_PLACES else _tidy(phrase)  # 11个县被命名为…


_PREDICATE_END = regex.compile(r"[，,；;。！？!?、：:\n]")
_QUOTED = regex.compile(r"[“\"「『‘][^”\"」』’]{0,16}[”\"」』’]")
_ARABIC_DIGIT = regex.compile(r"\d")
_CN_FIGURE = regex.compile(r"[一二两三四五六七八九十百千万亿]+[个家项所座处名位件批次]")


def relative_clause(rest: str) -> str:
    """What the things a figure counts did, when the clause after their noun says it and names no figure of
    its own: 16所高职学校入选第二期国家“双高计划” → 入选第二期国家“双高计划”; 49家…医院在国家绩效监测中获评A级以上 →
    在国家绩效监测中获评A级以上. "" when the clause does not open with such a verb (or with 在… before one)."""
    end = _PREDICATE_END.search(rest)
    clause = rest[:end.start()] if end else rest
    if not 3 <= len(clause) <= 24 or (end and end.group() == "、"):
        return ""  # 获得国家、国际大奖, 获评全国百强区、百强县…: cut at 、 the clause would be cut short
    verbs = vocabulary().relative_verbs
    if not clause.startswith(verbs):
        if not clause.startswith("在"):
            return ""
        at = min((i for v in verbs if (i := clause.find(v)) > 1), default=-1)
        if at == -1 or not clause[at - 1] == "中":
            return ""  # 在国家绩效监测中获评…: a setting, then the verb
    plain = _QUOTED.sub("", clause)
    if _ARABIC_DIGIT.search(plain) or _CN_FIGURE.search(plain):
        return ""  # 3家企业获得融资5亿元: the clause states a figure of its own
    return clause


def _bound_modifier(words: list[str], i: int) -> bool:
    """words[i] is part of "X以上"/"X以下" with a noun after it."""
    at = i + 1 if i + 1 < len(words) and words[i + 1] in ("以上", "以下") else i if words[i] in ("以上", "以下") else -1
    if at < 1 or at + 1 >= len(words):
        return False
    before, following = words[at - 1], words[at + 1]
    plain = [w for w in (before, following) if not _is_punct(w) and not any(ch.isdigit() for ch in w)
             and w not in _STOP_AFTER and (w not in vocabulary().linking or w in ("规模", "限额"))]
    return len(plain) == 2  # not 65岁及以上…: 及 is no qualifier


def _tidy(phrase: str) -> str:
    return phrase if len(phrase) >= 2 and phrase not in vocabulary().linking else ""


_ONE_CHAR_PLACES = frozenset("省市县区镇乡村")
_KEPT_VERBS = frozenset({"新增"})
_HEDGE_WORDS = frozenset({"超", "近", "约", "逾"})
_COUNTED_HEADS = ("企业", "项目", "公司", "工程", "单位", "园区", "平台", "工厂", "机构")


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
        if len(last) == 2 and last[0] in _MEASURE_ENDS and last[1] in _GLUED_LINKING:
            tokens[-1] = last[0]  # 化解率达, 占比达: jieba glued the verb to the measure's last character
            break
        m = suffix.search(last)
        if m is None or m.start() == 0 or last in vocab.canonical:
            break  # 经济总量 is a name, not 经济 + 总量
        tokens[-1] = last[:m.start()]
    return tokens


# The last character of a measure (…率, …占比, …总额) and one-character verbs or hedges jieba may glue to it.
_MEASURE_ENDS = frozenset("率比额量数值度重价")
_GLUED_LINKING = frozenset("达为超近约逾")


def _trim(tokens: list[str], region_names: tuple[str, ...]) -> str:
    vocab = vocabulary()
    tokens = _strip_linking_tail(tokens)
    cut = 0
    for i, token in enumerate(tokens):
        if token == "、" and _listed_noun(tokens[cut:i], region_names):
            continue  # 交通运输、仓储和邮政业增加值: one name with coordinated parts
        if token in vocab.introducing and i + 2 == len(tokens) and tokens[i + 1] in _MEASURE_ENDS:
            continue  # 污水治理率, 问题解决率: the verb is part of the measure's name
        if token in vocab.introducing or _is_punct(token) or token == "等":
            cut = i + 1  # 燕莎桥等251座桥, 锡科贷等科技风险补偿贷款: the examples stand before 等
    subject: list[str] = []
    # 规模以上工业企业实现营业收入: subject and object; 重大项目已开工74个: the topic of a verb that nothing follows
    topic = cut == len(tokens) and cut and tokens[cut - 1] in vocab.introducing
    if cut and (tokens[cut - 1] in vocab.subject_verbs or topic):
        subject = _strip_leading(tokens[:cut - 1], region_names)
        if topic and tokens[cut - 1] not in vocab.subject_verbs:
            # the topic starts after the last comma or verb before it (完成居家适老化改造4.4万户) but keeps a
            # verb that ends it as a noun (老旧小区改造完工1225个); an adverb is none (又推出10个, 成功举办65个)
            last = max((i for i, t in enumerate(subject[:-1]) if _is_punct(t) or t in vocab.introducing), default=-1)
            subject = _strip_linking_tail(subject[last + 1:])
            if not _names_a_thing(subject) or len("".join(subject)) > 12:
                subject = []
        elif (not subject or any(vocab.introducing.__contains__(t) or _is_punct(t) for t in subject)
              or len("".join(subject)) > 12):
            subject = []
    if subject and tokens[cut - 1] in _KEPT_VERBS:
        subject = subject + [tokens[cut - 1]]  # 中心城区新增机动车停车位: the increment is the measure
    tokens = subject + tokens[cut:]
    tokens = _strip_leading(tokens, region_names)
    phrase = _TRAILING_TIME.sub("", _LEADING_TIME.sub("", "".join(tokens)))
    if phrase in region_names:
        return ""  # 无锡高新区第二位: the region is not what is ranked
    if phrase.startswith(region_names) and not _opens_with_name(phrase, region_names):
        for name in sorted(region_names, key=len, reverse=True):
            if phrase.startswith(name) and len(phrase) > len(name) + 1:
                phrase = phrase[len(name):]
                break
    phrase = _without_place_inside(phrase, region_names)
    return phrase if len(phrase) >= 2 and phrase not in vocab.linking else ""


_TIME_THEN_PLACE = regex.compile(r"^(有效期内|年末|年底|当年|全年)")


def _without_place_inside(phrase: str, region_names: tuple[str, ...]) -> str:
    """A place between a qualifier of time and the thing measured is the figure's region, not part of its metric:
    有效期内无锡高新区高新技术企业 → 有效期内高新技术企业."""
    found = _TIME_THEN_PLACE.match(phrase)
    rest = phrase[found.end():] if found else ""
    name = max((n for n in region_names if len(n) >= 3 and rest.startswith(n)), key=len, default="") if rest else ""
    return found.group() + rest[len(name):] if found and name and len(rest) - len(name) >= 2 else phrase


@cache
def _names_by_opening() -> dict[str, tuple[str, ...]]:
    """The metric names and aliases of rules/metrics.toml by their first two characters."""
    out: dict[str, list[str]] = {}
    vocab = vocabulary()
    for name in set(vocab.canonical) | set(vocab.canonical.values()):
        if len(name) >= 3:
            out.setdefault(name[:2], []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def _opens_with_name(phrase: str, region_names: tuple[str, ...]) -> bool:
    """Whether phrase opens with a metric name of rules/metrics.toml that itself opens with one of the
    region or scope words before it (全国重点实验室 = 国家重点实验室, 全省生产总值 = 地区生产总值): the alias is
    looked up whole, not after its 全国 has been stripped as a scope."""
    for name in _names_by_opening().get(phrase[:2], ()):
        if phrase.startswith(name) and any(name.startswith(r) and len(name) > len(r) for r in region_names):
            return True
    return False


def _names_a_thing(tokens: list[str]) -> bool:
    """A noun phrase, maybe ending in a verb used as a noun (老旧小区改造), not an adverb (又, 成功)."""
    text = "".join(tokens)
    if len(text) < 3:
        return False
    last = tokenizer().tag(text)[-1]
    return last.flag[:1] in ("n", "j", "x") or last.flag == "vn" or tokens[-1] in vocabulary().introducing


def _listed_noun(segment: list[str], region_names: tuple[str, ...]) -> bool:
    """Whether the words before a 、 are a short noun that a list continues (电力、热力生产和供应业), not a
    clause of its own (规模大幅增加、专项转移支付项目…)."""
    vocab = vocabulary()
    text = "".join(segment)
    if not 2 <= len(text) <= 8 or any(t in vocab.linking or t in vocab.introducing or t in region_names
                                      or _is_punct(t) for t in segment):
        return False
    first = tokenizer().tag(text)[0]
    # 加快研发、整车…, 这是追赶进位、…: a verb or a demonstrative opens a clause
    return first.flag not in ("v", "p", "d", "c", "m") and not first.word.startswith(("这", "那"))


def _strip_leading(tokens: list[str], region_names: tuple[str, ...]) -> list[str]:
    vocab = vocabulary()
    tokens = list(tokens)
    while tokens and (tokens[0] in vocab.leading or tokens[0] in region_names or _YEARISH.match(tokens[0])
                      or _is_punct(tokens[0])):
        tokens.pop(0)
    return tokens


_WORD_CHAR = re.compile(r"\w")  # re's \w is exactly str.isalnum() or "_" (regex's is not)


def _is_punct(token: str) -> bool:
    return _WORD_CHAR.search(token) is None  # no letter, digit or _ (PM_2.5 is a name)
