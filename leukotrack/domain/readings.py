"""One measured number at one moment, with what a comparator such as "<0.5" means for rules.

A lab that writes "<0.5" says the value is somewhere below 0.5, not that it is 0.5 (and never
that it is 0). Rules therefore ask "is it *certainly* below this limit?":

- an exact value `v` is below `t` when `v < t`;
- "<v" is certainly below `t` when `v <= t`; "<=v" when `v < t`;
- ">v" and ">=v" are never certainly below anything (they only say how high it at least is).

So "<0.5" ANC is severe neutropenia (certainly < 0.5), "<1.2" is mild (certainly below 1.5, not
certainly below 1.0), and a bound that does not show a low value counts as "not shown low": it
raises no flag and, like a normal result, ends a run of low results. What a flag cites is the
value with its comparator, as the lab wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def certainly_below(value: float, comparator: str | None, limit: float) -> bool:
    if comparator in (None, "", "="):
        return value < limit
    if comparator == "<":
        return value <= limit
    if comparator == "<=":
        return value < limit
    return False


def certainly_at_or_above(value: float, comparator: str | None, limit: float) -> bool:
    if comparator in (None, "", "=", ">", ">="):
        return value >= limit
    return False


@dataclass(frozen=True, slots=True)
class Reading:
    """A canonical value of `analyte` taken at `taken_at` (comparator kept, see module doc)."""

    taken_at: datetime
    analyte: str
    value: float
    comparator: str | None = None
    low_limit: float | None = None  # the lower limit that applied to this result, if any

    def below(self, limit: float) -> bool:
        return certainly_below(self.value, self.comparator, limit)

    def at_or_above(self, limit: float) -> bool:
        return certainly_at_or_above(self.value, self.comparator, limit)

    @property
    def is_low(self) -> bool:
        """Certainly below the lower limit that applied to it (False when none is known)."""
        return self.low_limit is not None and self.below(self.low_limit)
