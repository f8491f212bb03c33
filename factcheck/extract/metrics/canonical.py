"""A metric's canonical name, the key figures are paired on: the thing measured as the text names it, without
what the text says was done to it or how (9个国家区域医疗中心全部开诊 → 国家区域医疗中心; 800个经济薄弱村扶持工作圆满
收官 → 经济薄弱村扶持; 累计实施城市更新项目 → 城市更新项目, its 累计 being the claim's aspect), then through the aliases
and renamings of rules/metrics.toml. The wording stays in the claim's metric_text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from factcheck.extract.metrics.names import clean, vocabulary
from factcheck.vocab.data import load_toml, loaded_from_rules


@dataclass(frozen=True, slots=True)
class _Words:
    predicates: tuple[str, ...]
    adverbs: tuple[str, ...]
    adverb_verbs: tuple[str, ...]
    leading: tuple[str, ...]
    from_tail: regex.Pattern


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@loaded_from_rules
@cache
def _words() -> _Words:
    data = load_toml("metrics.toml")["canonical"]
    froms = "|".join(regex.escape(w) for w in _longest_first(data["from_words"]))
    # 自由, 理由, 经由, 从业, 从事: not a starting point
    return _Words(_longest_first(data["predicates"]), _longest_first(data["adverbs"]),
                  _longest_first(data["adverb_verbs"]), _longest_first(data["leading"]),
                  regex.compile(rf"(?<![自理经缘])(?:{froms})(?![业事而中严])[^\d从由]{{0,6}}$"))


_MIN = 2  # a name is never stripped below two characters


@loaded_from_rules  # a project's extra aliases change the canonical names: its memo is forgotten with them
@lru_cache(maxsize=50_000)
def canonical_metric(phrase: str | None) -> str | None:
    if not phrase:
        return None
    key = clean(phrase)
    known = vocabulary().canonical
    if key in known:
        return known[key]
    key = _stripped(key)
    return known.get(key, key) or None


def _stripped(name: str) -> str:
    words = _words()
    tail = words.from_tail.search(name)
    if tail is not None and tail.start() >= _MIN:
        name = name[:tail.start()]  # 散居孤儿从每人每月 → 散居孤儿
    changed = True
    while changed:
        changed = False
        for word in words.leading:
            if name.startswith(word) and len(name) - len(word) >= _MIN:
                name, changed = name[len(word):], True
                break
    changed = True
    while changed:
        changed = False
        for word in (*words.predicates, *words.adverbs):
            if name.endswith(word) and len(name) - len(word) >= _MIN:
                name, changed = name[:-len(word)], True
                break
        else:
            for verb in words.adverb_verbs:
                if not name.endswith(verb):
                    continue
                rest = name[:-len(verb)]
                adverb = next((a for a in words.adverbs if rest.endswith(a)), None)
                if adverb and len(rest) - len(adverb) >= _MIN:
                    name, changed = rest[:-len(adverb)], True
                    break
    return name.removesuffix("的") if len(name) > _MIN else name
