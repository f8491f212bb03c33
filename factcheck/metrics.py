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
_HEAD_NOUNS = ("企业", "产业", "项目", "中心", "平台", "基地", "园区", "集群", "机构", "工厂", "实验室")


@dataclass(frozen=True, slots=True)
class MetricVocabulary:
    canonical: dict[str, str]
    linking: frozenset[str]
    introducing: frozenset[str]


@cache
def vocabulary() -> MetricVocabulary:
    data = load_toml("metrics.toml")
    canonical: dict[str, str] = {}
    for name, aliases in data["aliases"].items():
        canonical[clean(name)] = name
        for alias in aliases:
            canonical[clean(alias)] = name
    words = data["words"]
    return MetricVocabulary(canonical, frozenset(words["linking"]), frozenset(words["introducing"]))


@cache
def tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    vocab = vocabulary()
    for word in set(vocab.canonical) | set(vocab.canonical.values()):
        tok.add_word(word, freq=200000)
    for word in vocab.linking | vocab.introducing:
        tok.add_word(word, freq=20000)
    return tok


def clean(phrase: str) -> str:
    return _QUOTES.sub("", phrase)


def canonical(phrase: str | None) -> str | None:
    if not phrase:
        return None
    key = clean(phrase)
    return vocabulary().canonical.get(key, key) or None


def before(prefix: str, region_names: tuple[str, ...] = ()) -> str:
    """The metric phrase ending just before a figure ("全社会研发投入强度达" → 全社会研发投入强度)."""
    parts = prefix.rsplit("、", 1)
    prefix = parts[-1]
    tokens = [t for t in tokenizer().lcut(clean(prefix)) if t.strip()]
    return _trim(tokens, region_names)


def after(suffix: str) -> str:
    """The counted thing right after a figure ("44家国家重点实验室" → 国家重点实验室)."""
    vocab = vocabulary()
    out = []
    for token in tokenizer().lcut(clean(suffix[:24])):
        if token in vocab.linking or token in vocab.introducing or _is_punct(token) or token in ("的", "等", "和", "及"):
            break
        out.append(token)
    return "".join(out)


def respectively_names(prefix: str, region_names: tuple[str, ...] = ()) -> list[str]:
    """The names a 分别 list pairs with its values ("雏鹰、瞪羚、准独角兽企业分别" → three names)."""
    pieces = [p for p in _LIST_SPLIT.split(clean(prefix)) if p]
    if not pieces:
        return []
    names = []
    for i, piece in enumerate(pieces):
        tokens = [t for t in tokenizer().lcut(piece) if t.strip()]
        names.append(_trim(tokens, region_names) if i == 0 else "".join(tokens))
    last = names[-1]
    head = next((h for h in _HEAD_NOUNS if last.endswith(h)), None)
    if head:
        names = [n if n.endswith(head) or i == len(names) - 1 else n + head for i, n in enumerate(names)]
    return names


def _trim(tokens: list[str], region_names: tuple[str, ...]) -> str:
    vocab = vocabulary()
    while tokens and (tokens[-1] in vocab.linking or _is_punct(tokens[-1])):
        tokens.pop()
    cut = 0
    for i, token in enumerate(tokens):
        if token in vocab.introducing or _is_punct(token):
            cut = i + 1
    tokens = tokens[cut:]
    while tokens and (tokens[0] in vocab.linking or tokens[0] in region_names or _YEARISH.match(tokens[0])
                      or _is_punct(tokens[0])):
        tokens.pop(0)
    phrase = "".join(tokens)
    for name in sorted(region_names, key=len, reverse=True):
        if phrase.startswith(name) and len(phrase) > len(name) + 1:
            phrase = phrase[len(name):]
            break
    return phrase


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)
