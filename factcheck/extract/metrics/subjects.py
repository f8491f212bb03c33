"""What a metric phrase is said of and what kind of measure it names: the subject of a sentence that opens
"X实现/完成/有 …", the predicate after a figure, and the measure kinds of rules/metrics.toml (per-subject,
money-floor, per-part, amount, generic heads), read with the tokenizer and vocabulary of
factcheck.extract.metrics.names."""

from __future__ import annotations

from functools import lru_cache

from factcheck.extract.metrics.names import (
    _COUNTED_HEADS,
    _FOOTNOTE,
    _LEADING_TIME,
    _PHRASES,
    _YEARISH,
    _is_punct,
    _strip_leading,
    _strip_linking_tail,
    _tokens_without_notes,
    clean,
    tokenizer,
    vocabulary,
)
from factcheck.vocab.data import loaded_from_rules

_PLACE_HEADS = ("开发区", "园区", "高新区", "经开区", "新区", "示范区", "自贸区", "自贸试验区", "保税区")


def sentence_subject(sentence_start: str, region_names: tuple[str, ...] = ()) -> str:
    """The subject of a sentence that opens "X实现/完成/有 …" (规模以上工业企业实现营业收入 → 规模以上工业企业), or
    failing that the topic its first clause opens with (开发区工业增加值增长7.9%，实现营业收入… → 开发区)."""
    vocab = vocabulary()
    tokens = [t for t in tokenizer().cut(clean(sentence_start[:60])) if t.strip()]
    clause = 0
    topic = None
    for i, token in enumerate(tokens):
        if _is_punct(token):
            clause = i + 1  # 2022年，全省开发区实现营业收入…: the subject is in the clause with the verb
            continue
        if topic is None and _ends_topic(token):
            topic = _subject(tokens[clause:i], region_names) or None
        if token in vocab.introducing and token not in vocab.subject_verbs:
            return ""
        if token in vocab.subject_verbs:
            return _subject(tokens[clause:i], region_names) or _entity(topic)
    return _entity(topic)


def _subject(tokens: list[str], region_names: tuple[str, ...]) -> str:
    subject = _LEADING_TIME.sub("", "".join(_strip_leading(_without_years(tokens), region_names)))
    return subject if 2 <= len(subject) <= 12 and not any(ch.isdigit() for ch in subject) else ""


def _ends_topic(token: str) -> bool:
    vocab = vocabulary()
    return (token in vocab.linking or token in vocab.introducing or token in vocab.after_stops
            or token in vocab.subject_measures or any(ch.isdigit() for ch in token))


def _entity(topic: str | None) -> str:
    """A topic that names who or where (开发区, 工业园区), not a measure of its own (一般公共预算收入)."""
    vocab = vocabulary()
    if not topic or topic in vocab.canonical or topic.endswith(tuple(vocab.floor_measures | vocab.generic_heads)):
        return ""
    return topic if topic.endswith(_COUNTED_HEADS + _PLACE_HEADS) else ""


def _without_years(tokens: list[str]) -> list[str]:
    return [t for t in tokens if not _YEARISH.match(t)]


def is_subject_measure(phrase: str) -> bool:
    return phrase in vocabulary().subject_measures


def is_floor_measure(phrase: str) -> bool:
    """Whether a money floor can bound phrase (营业收入超亿元的…, 财政收入超过五千万元的…)."""
    return bool(phrase) and phrase.endswith(tuple(vocabulary().floor_measures))


def is_part_measure(phrase: str) -> bool:
    """Whether phrase measures each part of what it measures (里程, 产量: 其中高速铁路… has them too)."""
    return phrase in vocabulary().part_measures


def amount_measure_before(prefix: str) -> str:
    """An amount a thing has, just before its figure (设立总规模500亿元的…母基金, 投资达11亿元的…), or ""."""
    tokens = _strip_linking_tail(_tokens_without_notes(prefix)[-3:])
    for i in range(len(tokens)):
        if "".join(tokens[i:]) in vocabulary().amount_measures:
            return "".join(tokens[i:])
    return ""


def group_measure(noun: str) -> str:
    """What a money floor bounds for things of this kind when the text does not say (亿元以上项目 → 投资额)."""
    return next((m for head, m in vocabulary().group_measures.items() if noun.endswith(head)), "")


@loaded_from_rules
@lru_cache(maxsize=_PHRASES)
def ends_in_introducing(prefix: str) -> bool:
    """Whether a verb that introduces what it acts on ends prefix (中央财政安排1000亿元专项奖补资金)."""
    tokens = _tokens_without_notes(prefix)
    return bool(tokens) and tokens[-1] in vocabulary().introducing


def predicate(suffix: str) -> str:
    """What a subject did or held, up to the next figure or punctuation (连续10年全国第一 → 全国第一)."""
    tokens = []
    for word in tokenizer().cut(clean(_FOOTNOTE.sub("", suffix[:24]))):
        if _is_punct(word) or any(ch.isdigit() for ch in word):
            break
        tokens.append(word)
    while tokens and tokens[0] in ("均", "都", "已"):
        tokens.pop(0)
    phrase = "".join(_strip_linking_tail(tokens))
    return phrase if 2 <= len(phrase) <= 16 else ""


def is_linking(word: str) -> bool:
    return word in vocabulary().linking


def ends_in_linking(prefix: str) -> bool:
    """Whether a verb or hedge ends prefix: 地区生产总值连跨 (what follows is the subject's), not 新增…大飞机."""
    tokens = _tokens_without_notes(prefix)
    return bool(tokens) and tokens[-1] in vocabulary().linking


def is_generic_head(phrase: str) -> bool:
    return phrase in vocabulary().generic_heads


def needs_qualifier(phrase: str) -> bool:
    """A counted noun that names nothing without the words before its count (84项政策措施, 145项重点任务)."""
    return phrase in vocabulary().qualified_heads
