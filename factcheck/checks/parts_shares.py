"""FC203 shares out of range (a share of one whole above 100%, 4/3 of something, a 三次产业结构 or the shares
listed after 其中 adding up to more than the whole) and FC205 分别 lists whose names and values differ in number."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.figures import spell
from factcheck.checks.evidence.intervals import central, plain_number
from factcheck.checks.evidence.local import plain
from factcheck.checks.evidence.parts import clause_words, key_of, sum_of
from factcheck.extract.metrics.lists import expand
from factcheck.model.claims import Claim, Quantity
from factcheck.model.findings import Finding
from factcheck.text.structure import CLAUSE_WINDOW, SENTENCE_WINDOW, span_end, span_start

# compiled once: regex.match(pattern, …) costs a cache lookup of ~20 µs per call
_QIZHONG = regex.compile(r"其中")
_FENBIE = regex.compile(r"分别")

HUNDRED = Decimal(100)
_SHARE_WORDS = regex.compile(r"占|比重|份额")
# Shares that may exceed the whole by definition: a contribution to growth, a completion of a plan.
_NOT_OF_A_WHOLE = regex.compile(r"贡献率|拉动|完成|目标|增长|增速|扣除")
_CHAIN_JOINT = regex.compile(r"^\s*[:：∶]\s*$")
_STRUCTURE = regex.compile(r"产业.{0,6}(?:结构|比重|比例|构成)|(?:结构|比重|比例|构成).{0,4}产业")
_SCOPE = regex.compile(r"占(?!比)(?P<whole>[^，。；、\d]{1,24}?)(?:的)?(?:比重|比例|份额)?(?:为|达到|达|是|约)?$")
_BARE_SHARE = regex.compile(r"(?:占比|比重|所占比重|份额)(?:为|达到|达|是|约)?$")
_SENTENCE_END = "。！？!?"


def _percent_of(claim: Claim) -> tuple[Decimal | None, Decimal | None]:
    """The share's interval in percent."""
    q = claim.quantity
    if q.dimension == "percent":
        return q.low, q.high
    if q.dimension == "ratio":
        return (None if q.low is None else q.low * HUNDRED), (None if q.high is None else q.high * HUNDRED)
    return None, None


class ShareOutOfRange(Check):
    code = "FC203"
    name = "share-out-of-range"
    summary = "占比超过100%（或4/3这样大于1的份额），或同一整体的各部分占比相加超过100%、产业结构相加不等于100。"
    why = ("A part's share of its whole lies between 0 and 100%, and the shares of the parts of one whole (三次产业"
           "结构, the shares listed after 其中) add up to 100% at most; anything else is a typo or a mixed-up base.")
    summary_en = (
        "A share above 100% (or a fraction above 1 such as 4/3), or the shares of one whole's parts adding up"
        " to more than 100%, or an industry structure not adding up to 100.")
    why_zh = (
        "部分占整体的比重在0到100%之间，同一整体各部分的占比（三次产业结构、“其中”后列出的占比）相加至多为100%；"
        "否则就是笔误或基数弄混了。")
    severity = "error"
    scope = "document"
    options = {
        "sum_severity": Option("severity", "severity when a structure or the shares after 其中 do not add up"),
        "sum_slack_points": Option("decimal", "percentage points allowed beyond the shares' rounding"),
    }
    bad = (
        "全年税收收入168.17亿元，占一般公共预算收入比重为106.2%。",
        "高新区面积占全市的4/3。",
        "全省三次产业结构为7.6:54.8:47.6。",
        "其中，建筑工程产值占全县建筑业总产值的比重为90.5%；安装工程产值占比15.5%；其他产值占比4.0%。",
    )
    bad_spans = ("106.2%", "4/3", "7.6", "4.0%")
    good = (
        "全省三次产业结构为7.6:44.8:47.6。",
        "三次产业结构由8.7∶41.2∶50.1调整为7.4∶39.6∶53。",
        "其中，建筑工程产值占全县建筑业总产值的比重为90.5%；安装工程产值占比5.5%；其他产值占比4.0%。",
        "清洁能源、新能源装机占比分别达94.6%、70%。",
        "第二产业对经济增长的贡献率为105.2%。",
        "城乡居民收入比为2.5:1。",
        "三次产业结构比例为1:4:5。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        chains = list(_chains(ctx))
        in_chain = {c.id for chain in chains for c in chain}
        for claim in ctx.claims:
            if claim.id not in in_chain and self._above_whole(ctx, claim):
                yield self.finding(ctx, claim, f"占比超过整体：{claim.metric_text or claim.metric or ''} 为 "
                                               f"{spell(claim)}，大于100%", key=key_of(claim, "share"))
        slack = Decimal(str(self.setting("sum_slack_points")))
        for chain in chains:
            yield from self._structure(ctx, chain, slack)
        for shares in _shares_after_subset(ctx):
            low = sum_of([_as_percent(c) for c in shares]).low
            if low is not None and low > HUNDRED + slack:
                yield self.finding(
                    ctx, shares[-1],
                    f"同一整体的各部分占比相加超过100%：{'、'.join(spell(c) for c in shares)} 合计至少 "
                    f"{plain_number(low)}%",
                    related=[(c, "同一整体的占比") for c in shares[:-1]],
                    key=key_of(shares[0], "shares"), severity=self.setting("sum_severity"),
                )

    def _above_whole(self, ctx: CheckContext, claim: Claim) -> bool:
        if claim.role != "share" or claim.quantity.dimension not in ("percent", "ratio"):
            return False
        low, _ = _percent_of(claim)
        if low is None or not (low > HUNDRED or low == HUNDRED and claim.quantity.low_open):
            return False
        words = clause_words(ctx, claim)
        return bool(_SHARE_WORDS.search(words)) and not _NOT_OF_A_WHOLE.search(words + (claim.metric_text or ""))

    def _structure(self, ctx: CheckContext, chain: list[Claim], slack: Decimal) -> Iterator[Finding]:
        added = sum_of([c.quantity for c in chain])
        if added.low is None or added.high is None or not HUNDRED / 2 <= added.low <= HUNDRED * 3 / 2:
            return  # 1:4:5 is a proportion, not percentages of one whole
        if added.low > HUNDRED + slack or added.high < HUNDRED - slack:
            total = sum((central(c.quantity) or Decimal(0) for c in chain), Decimal(0))  # a range: its middle
            yield self.finding(
                ctx, chain[0],
                f"结构各项相加应为100：{'∶'.join(spell(c) for c in chain)} 相加为 {plain_number(total)}",
                related=[(c, "结构的一项") for c in chain[1:]],
                key=key_of(chain[0], "structure"), severity=self.setting("sum_severity"),
            )


def _as_percent(claim: Claim) -> Quantity:
    q = claim.quantity
    if q.dimension == "percent":
        return q
    low, high = _percent_of(claim)
    return replace(q, low=low, high=high, unit="%", dimension="percent")


def _chains(ctx: CheckContext) -> Iterator[list[Claim]]:
    """三次产业结构为7.6:44.8:47.6: ratio figures joined by colons after words naming an industry structure."""
    for doc in ctx.documents:
        claims = sorted(doc.claims, key=lambda c: c.location.start)
        text = doc.document.text
        chain: list[Claim] = []
        for claim in claims + [None]:
            if (claim is not None and chain and claim.quantity.dimension == "ratio"
                    and _CHAIN_JOINT.match(text[chain[-1].location.end:claim.location.start])):
                chain.append(claim)
                continue
            if len(chain) >= 3 and _STRUCTURE.search(_clause_of(text, chain[0].location.start)):
                yield chain
            chain = [claim] if claim is not None and claim.quantity.dimension == "ratio" else []


def _clause_of(text: str, start: int) -> str:
    window = text[max(0, start - 40):start]
    return plain(window[max(window.rfind(mark) for mark in "，。；,;！？") + 1:])


def _shares_after_subset(ctx: CheckContext) -> Iterator[list[Claim]]:
    """其中，A…占全县建筑业总产值的比重为90.5%；B…占比5.5%: shares of one whole, listed after 其中."""
    for doc in ctx.documents:
        text = doc.document.text
        claims = sorted(doc.claims, key=lambda c: c.location.start)
        starts = [c.location.start for c in claims]
        for match in _QIZHONG.finditer(text):
            end = span_end(text, match.end(), _SENTENCE_END, SENTENCE_WINDOW)
            inside = [c for c in claims[bisect_left(starts, match.end()):bisect_left(starts, end)]
                      if c.role == "share" and c.quantity.dimension in ("percent", "ratio")]
            shares: list[Claim] = []
            whole = None
            for claim in inside:
                words = clause_words(ctx, claim)
                scoped = _SCOPE.search(words)
                if scoped and whole is None:
                    whole = scoped["whole"]
                elif scoped and scoped["whole"] != whole or not scoped and not _BARE_SHARE.search(words):
                    break
                shares.append(claim)
            if whole is not None and len(shares) >= 2 and "其中" not in text[match.end():shares[-1].location.start]:
                yield shares


_FROM_TO = regex.compile(r"^分别(?:从|由)")
_TURN = regex.compile(r"(?:增加|增长|提高|提升|降低|下降|减少|扩大|缩小|调整|上升|增)?(?:到|至)")


def _split_at_turn(text: str, values: list[Claim], at: int, end: int) -> list[list[Claim]] | None:
    """The values before and after the 到/至 of a 分别从…到… clause, or None when there is no single turn."""
    turns = [m for m in _TURN.finditer(text, at, end)]
    if len(turns) != 1:
        return None
    pivot = turns[0].start()
    first = [v for v in values if v.location.end <= pivot]
    second = [v for v in values if v.location.start >= turns[0].end()]
    return [first, second] if first and second and len(first) + len(second) == len(values) else None


def _plain_list(text: str, values: list[Claim]) -> bool:
    return all(plain(text[a.location.end:b.location.start]) in ("、", "和", "及", "与", "，", "以及")
               for a, b in zip(values, values[1:], strict=False))


_NAME_JOINT = regex.compile(r"(?<!普|以|涉|危|顾|波|企)及(?!时|其|以上|以下|早)|和|与")


def name_counts(prefix: str) -> tuple[int, int]:
    """How many names a 分别 list's words can hold: split on 、 only, and on 和/及/与 as well
    (信息传输软件和信息技术服务业、租赁和商务服务业 is two names, or more)."""
    outer = _top_level(prefix)
    pieces = [p for p in outer.split("、") if p]
    most = sum(len([s for s in _NAME_JOINT.split(p) if s]) for p in pieces)
    return len(pieces), max(most, len(pieces))


def _top_level(text: str) -> str:
    """The text with each bracketed or quoted span reduced to one placeholder: “瞪羚” is one name, and a 、
    inside （…） does not part names."""
    out, depth = [], 0
    for ch in text:
        if ch in "（(“‘《【":
            if depth == 0:
                out.append("□")
            depth += 1
        elif ch in "）)”’》】":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


class RespectivelyMismatch(Check):
    code = "FC205"
    name = "respectively-mismatch"
    summary = "“分别”前列出的名称个数与其后的数值个数不一致。"
    why = ("分别 pairs the n-th name with the n-th value; three names and two values mean a value or a name was "
           "dropped, and every pairing after the gap is off by one.")
    summary_en = "The number of names listed before 分别 differs from the number of values after it."
    why_zh = (
        "“分别”把第n个名称与第n个数值一一对应；三个名称配两个数值，说明漏了一个数值或名称，缺口之后的对应全部错位"
        "。")
    severity = "warning"
    scope = "document"
    bad = (
        "截至2024年底，全市雏鹰、瞪羚、准独角兽培育入库企业分别达到5961家、3503家。",
        "全市高新技术企业、科技型中小企业分别达到7341家、14010家、322家。",
        "认定跨国公司地区总部、外资研发中心、功能性机构分别从771家、481家、90家增加到1076家、636家。",
    )
    bad_spans = (
        "全市雏鹰、瞪羚、准独角兽培育入库企业分别达到5961家、3503家",
        "全市高新技术企业、科技型中小企业分别达到7341家、14010家、322家",
        "认定跨国公司地区总部、外资研发中心、功能性机构分别从771家、481家、90家增加到1076家、636家",
    )
    good = (
        "截至2024年底，全市雏鹰、瞪羚、准独角兽培育入库企业分别达到5961家、3503家、322家。",
        "城乡居民人均可支配收入分别增长5.1%和6.3%。",
        "信息传输软件和信息技术服务业、租赁和商务服务业增加值分别增长10.9%、10.4%。",
        "全市拥有高新技术企业13473家，科技型中小企业达22327家，数量分别位列全国第四位和第二位。",
        "将制造业企业、科技型中小企业研发费用加计扣除比例分别从50%、75%提高至100%。",
        "认定跨国公司地区总部、外资研发中心分别从771家、481家增加到1076家、636家。",
        "5G基站、标准机架分别达到10.8万个、101.2万架。",
        "全市“雏鹰”、“瞪羚”、准独角兽企业分别达到5961家、3503家、322家。",
        "农村卫生厕所普及率、生活垃圾和污水治理率分别达到87.8%、100%、75%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            text = doc.document.text
            claims = sorted(doc.claims, key=lambda c: c.location.start)
            starts = [c.location.start for c in claims]
            for match in _FENBIE.finditer(text):
                yield from self._check(ctx, doc, text, claims, match.start(), starts)

    def _check(self, ctx: CheckContext, doc, text: str, claims: list[Claim], at: int,
               starts: list[int]) -> Iterator[Finding]:
        start = span_start(text, at, "，。；：,;:！？\n", CLAUSE_WINDOW)
        end = span_end(text, at, "，。；,;！？\n", CLAUSE_WINDOW)
        values = claims[bisect_right(starts, at):bisect_left(starts, end)]
        prefix = plain(text[start:at]).lstrip("-•·—")  # a Markdown list item's marker is not a name
        rest = plain(text[at:end])
        if len(values) < 2 or bisect_left(starts, start) < bisect_left(starts, at):
            return  # figures among the names (16条省级重点产业链、18个…): not a plain list of names
        moved = _FROM_TO.search(rest)
        if moved:
            # 分别从771家、481家增加到1076家、636家: two lists, each as long as the names or one value for all
            lists = _split_at_turn(text, values, at, end)
            if lists is None:
                return
        else:
            lists = [values]
        if any(not _plain_list(text, part) for part in lists):
            return  # 分别为省“揭榜挂帅”项目1个、…: names and values interleaved after 分别
        fewest, most = name_counts(prefix)
        if fewest == 1:
            names = expand(prefix)  # 城乡居民…分别: two names by design
            fewest = most = len(names) if names else 0
        wrong = [part for part in lists if not (fewest <= len(part) <= most or moved and len(part) == 1)]
        if fewest < 2 or not wrong:
            return
        values = wrong[0]
        shown = "、".join(spell(v) for v in values)
        yield self.finding_at(
            ctx, doc, start, end,
            f"“分别”前有 {fewest if fewest == most else f'{fewest}至{most}'} 项（{prefix}），其后却有 "
            f"{len(values)} 个数值（{shown}）",
            key=f"{prefix}|{len(values)}",
        )
