"""The what-if quantities typed as people say them: demand ("150 a week", "30 a day"),
capacity ("2 physios") and the share of patients a branch takes ("30%").

One parser and one formatter for each, Qt-free, so the properties dock, the command line and the
tests all read the same words the same way. Each parser raises `QuantityError` (a ValueError)
with a message that names what is wrong and gives an example; each formatter writes what its
parser reads back to the same value (the stored value is rounded to what is shown: a hundredth
of a patient a week, a hundredth of a percent).
"""

from __future__ import annotations

import math
import re

from pathmapper.model.map import LARGEST_ARRIVALS_PER_WEEK, LARGEST_SERVERS

ARRIVALS_DECIMALS = 2  # a hundredth of a patient a week: finer than any demand is known
SHARE_DECIMALS = 4  # a hundredth of a percent

# A week's worth of each period people count demand in (a month is a twelfth of 52 weeks).
WEEKS_PER_PERIOD = {
    "day": 1 / 7,
    "week": 1.0,
    "month": 52 / 12,
    "year": 52.0,
}
PERIOD_WORDS = {
    "d": "day",
    "day": "day",
    "days": "day",
    "daily": "day",
    "w": "week",
    "wk": "week",
    "wks": "week",
    "week": "week",
    "weeks": "week",
    "weekly": "week",
    "m": "month",
    "mo": "month",
    "mon": "month",
    "month": "month",
    "months": "month",
    "monthly": "month",
    "y": "year",
    "yr": "year",
    "year": "year",
    "years": "year",
    "annually": "year",
    "yearly": "year",
}

_NUMBER = r"(?P<number>[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)"
# "150", "150 a week", "150/week", "150 per wk", "150 patients a week", "30 daily"
_ARRIVALS = re.compile(
    _NUMBER + r"\s*(?:[a-z]+\s+)??(?:(?:/|a|an|per|each|every)\s*)?(?P<period>[a-z]+)?",
    re.IGNORECASE,
)
_SERVERS = re.compile(_NUMBER + r"(?:\s+(?P<noun>\S.*))?")
_SHARE = re.compile(_NUMBER + r"\s*(?P<percent>%|percent|per\s*cent)?", re.IGNORECASE)


class QuantityError(ValueError):
    """Text that is not the quantity asked for; the message says why, with an example."""


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _plain(value: float, decimals: int) -> str:
    """A number as people write it: no trailing zeros, no exponent ("150", "138.46")."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# ----------------------------------------------------------------------------- arrivals


def parse_arrivals(text: str) -> float | None:
    """Patients a week from "150 a week", "150/week", "30 a day", "600 a month" or "150" (a
    week); None for blank text (no demand stated)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _ARRIVALS.fullmatch(cleaned)
    number = _number(match["number"]) if match else None
    if match is None or number is None:
        raise QuantityError(
            f"'{cleaned}' is not a number of patients a week (e.g. 150 a week, 30 a day, "
            "600 a month)"
        )
    word = (match["period"] or "week").lower()
    period = PERIOD_WORDS.get(word)
    if period is None:
        raise QuantityError(
            f"'{word}' is not a day, week, month or year (e.g. 150 a week, 30 a day)"
        )
    per_week = round(number / WEEKS_PER_PERIOD[period], ARRIVALS_DECIMALS)
    if per_week <= 0:
        raise QuantityError("give more than 0 patients a week (at least 0.01 a week)")
    if per_week > LARGEST_ARRIVALS_PER_WEEK:
        raise QuantityError(
            f"{_plain(per_week, ARRIVALS_DECIMALS)} a week is more than pathmapper simulates "
            f"(at most {LARGEST_ARRIVALS_PER_WEEK:,.0f} a week)"
        )
    return per_week


def format_arrivals(per_week: float | None) -> str:
    """ "150 a week"; "" when none is stated."""
    if per_week is None:
        return ""
    return f"{_plain(per_week, ARRIVALS_DECIMALS)} a week"


# ----------------------------------------------------------------------------- capacity


def parse_servers(text: str) -> int | None:
    """Patients served at once from "2", "2 physios" or "3 clinicians" (the noun says who and is
    not kept); None for blank text (no capacity stated)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _SERVERS.fullmatch(cleaned)
    number = _number(match["number"]) if match else None
    if match is None or number is None:
        raise QuantityError(
            f"'{cleaned}' is not a number of people or places serving at once (e.g. 2, "
            "2 physios, 12 beds)"
        )
    if not number.is_integer():
        raise QuantityError(
            f"{_plain(number, 6)} is not a whole number: count whole clinicians, slots or beds"
        )
    servers = int(number)
    if servers < 1:
        raise QuantityError("give at least 1, or clear the field for no capacity limit")
    if servers > LARGEST_SERVERS:
        raise QuantityError(
            f"{servers:,} at once is more than pathmapper simulates (at most {LARGEST_SERVERS:,})"
        )
    return servers


def format_servers(servers: int | None) -> str:
    """ "2"; "" when none is stated."""
    return "" if servers is None else str(servers)


# -------------------------------------------------------------------------------- share


def parse_share(text: str) -> float | None:
    """The share of patients taking a branch from "30%", "30 %", "30 percent" or "0.3"; None
    for blank text (the branch shares what the others leave)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _SHARE.fullmatch(cleaned)
    number = _number(match["number"]) if match else None
    if match is None or number is None:
        raise QuantityError(f"'{cleaned}' is not a share of patients (e.g. 30% or 0.3)")
    if match["percent"] is None and number > 1:
        raise QuantityError(
            f"{_plain(number, 6)} is more than all patients: write a percentage with % "
            f"({_plain(number, 6)}%) or a share from 0 to 1"
        )
    percent = number if match["percent"] is not None else number * 100
    share = round(percent / 100, SHARE_DECIMALS)
    if share > 1:
        raise QuantityError(f"{_plain(percent, 6)}% is more than all patients (at most 100%)")
    return share


def format_share(share: float | None) -> str:
    """ "30%"; "" when none is stated."""
    if share is None:
        return ""
    return f"{_plain(share * 100, SHARE_DECIMALS - 2)}%"
