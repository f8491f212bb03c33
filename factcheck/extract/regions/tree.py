"""Which regions lie within or around a region, as sets of codes, from the gazetteer's tree.

gazetteer.is_within(inner, outer) answers for one pair; FC501 and the focus runs need, for one region, every
region it lies within (its "around": itself, its ancestors, the zone it is run as one with and theirs) and
every region that lies within it (its "inside"). Walking the tree gives both without testing all 3,000
regions; tests/test_focus.py compares them with is_within both ways.
"""

from __future__ import annotations


class RegionTree:
    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self._zones = [r for r in gazetteer if r.same_as]
        self._around: dict[str, frozenset[str]] = {}
        self._inside: dict[str, frozenset[str]] = {}

    def around(self, code: str) -> frozenset[str]:
        """Codes of every g with is_within(region, g)."""
        if code not in self._around:
            region = self.gazetteer.get(code)
            found: set[str] = set()
            if region is not None:
                twin = self.gazetteer.same_as(region)
                for r in (region, twin):
                    if r is not None:
                        found |= {r.code, *(a.code for a in self.gazetteer.ancestors(r))}
                found |= {z.code for z in self._zones if z.same_as in found}
            self._around[code] = frozenset(found)
        return self._around[code]

    def inside(self, code: str) -> frozenset[str]:
        """Codes of every g with is_within(g, region)."""
        if code not in self._inside:
            region = self.gazetteer.get(code)
            found: set[str] = set()
            if region is not None:
                twin = self.gazetteer.same_as(region)
                stack = [r for r in (region, twin) if r is not None]
                while stack:
                    current = stack.pop()
                    if current.code not in found:
                        found.add(current.code)
                        stack.extend(self.gazetteer.children(current))
                found |= {z.code for z in self._zones if z.same_as in found}
            self._inside[code] = frozenset(found)
        return self._inside[code]

    def related(self, code: str) -> frozenset[str]:
        return self.around(code) | self.inside(code)
