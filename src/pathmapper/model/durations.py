"""Durations as the map file holds them (ISO 8601) and as people say them ("6w", "2d 4h").

The file keeps the ISO string exactly as written, so a map that is not changed saves to the
same bytes. Months and years are refused: "P1M" might mean 28 to 31 days, and a lead time in
the workshop report must not depend on which.
"""

from __future__ import annotations

import math
import re

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

_ISO = re.compile(
    r"^P(?!$)"
    r"(?:(?P<years>\d+(?:[.,]\d+)?)Y)?"
    r"(?:(?P<months>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<weeks>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?!$)"
    r"(?:(?P<hours>\d+(?:[.,]\d+)?)H)?"
    r"(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?"
    r")?$"
)

_UNIT_MINUTES = {
    "weeks": MINUTES_PER_WEEK,
    "days": MINUTES_PER_DAY,
    "hours": MINUTES_PER_HOUR,
    "minutes": 1.0,
    "seconds": 1 / 60,
}

AMBIGUOUS_HINT = "months and years are ambiguous: give the time in weeks or days (e.g. P6W, P90D)"


class DurationError(ValueError):
    """A duration that cannot be used, with a message a person can act on."""


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def iso_to_minutes(value: str) -> float:
    """Minutes in an ISO 8601 duration such as "PT30M", "P2D" or "P1DT4H".

    Raises DurationError for text that is not a duration, and for months or years.
    """
    match = _ISO.match(value.strip().upper()) if isinstance(value, str) else None
    if match is None:
        raise DurationError(
            f"'{value}' is not an ISO 8601 duration (examples: PT30M, PT1H30M, P2D, P6W)"
        )
    parts = match.groupdict()
    if parts["years"] is not None or parts["months"] is not None:
        raise DurationError(f"'{value}': {AMBIGUOUS_HINT}")
    total = 0.0
    for unit, minutes in _UNIT_MINUTES.items():
        if parts[unit] is not None:
            total += _number(parts[unit]) * minutes
    if not math.isfinite(total):
        raise DurationError(f"'{value}' is too large to be a duration")
    return total


def validate_iso(value: str) -> str:
    """The duration exactly as given, once it is known to be usable."""
    iso_to_minutes(value)
    return value


def minutes_to_iso(minutes: float) -> str:
    """The shortest ISO 8601 form for a number of minutes: 8640 -> "P6D", 90 -> "PT1H30M".

    Whole weeks with nothing else are written as weeks ("P6W"), as people say them.
    """
    if minutes < 0 or not math.isfinite(minutes):
        raise DurationError("a duration cannot be negative or infinite")
    whole = round(minutes)
    if abs(minutes - whole) > 1e-9:
        seconds = round(minutes * 60)
        return "PT" + _fmt(seconds / 60) + "M" if seconds % 60 else minutes_to_iso(seconds // 60)
    if whole == 0:
        return "PT0M"
    if whole % MINUTES_PER_WEEK == 0:
        return f"P{whole // MINUTES_PER_WEEK}W"
    days, rest = divmod(whole, MINUTES_PER_DAY)
    hours, mins = divmod(rest, MINUTES_PER_HOUR)
    text = "P" + (f"{days}D" if days else "")
    if hours or mins:
        text += "T" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
    return text


def _fmt(number: float) -> str:
    return f"{number:.4f}".rstrip("0").rstrip(".")


_HUMAN_UNITS = {
    "w": MINUTES_PER_WEEK,
    "wk": MINUTES_PER_WEEK,
    "wks": MINUTES_PER_WEEK,
    "week": MINUTES_PER_WEEK,
    "weeks": MINUTES_PER_WEEK,
    "d": MINUTES_PER_DAY,
    "day": MINUTES_PER_DAY,
    "days": MINUTES_PER_DAY,
    "h": MINUTES_PER_HOUR,
    "hr": MINUTES_PER_HOUR,
    "hrs": MINUTES_PER_HOUR,
    "hour": MINUTES_PER_HOUR,
    "hours": MINUTES_PER_HOUR,
    "m": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
}
_HUMAN_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")
_AMBIGUOUS_WORDS = {"mo", "mon", "month", "months", "y", "yr", "yrs", "year", "years"}


def parse_human(text: str) -> str | None:
    """A duration as people type it ("6w", "2d 4h", "30m", "1.5 hours") as ISO 8601.

    Empty text means unknown (None). ISO text is accepted as it is. Raises DurationError with a
    message for the person typing.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if cleaned.startswith("p"):
        return validate_iso(cleaned.upper())
    if re.fullmatch(r"\d+(?:[.,]\d+)?", cleaned):
        raise DurationError(
            f"'{text}': add a unit, e.g. {cleaned}m, {cleaned}h, {cleaned}d or {cleaned}w"
        )
    total = 0.0
    position = 0
    for match in _HUMAN_PART.finditer(cleaned):
        if cleaned[position : match.start()].strip(" ,+and"):
            break
        unit = match.group(2)
        if unit in _AMBIGUOUS_WORDS:
            raise DurationError(f"'{text}': {AMBIGUOUS_HINT}")
        if unit not in _HUMAN_UNITS:
            raise DurationError(f"'{text}': unknown unit '{unit}' (use w, d, h or m)")
        total += _number(match.group(1)) * _HUMAN_UNITS[unit]
        position = match.end()
    if position == 0 or cleaned[position:].strip():
        raise DurationError(f"'{text}' is not a duration (examples: 6w, 2d 4h, 30m)")
    return minutes_to_iso(total)


def describe_minutes(minutes: float) -> str:
    """Short text for a badge or a report: 90 -> "1h 30m", 8640 -> "6d", 60480 -> "6w"."""
    if minutes <= 0:
        return "0m"
    whole = round(minutes)
    if whole >= MINUTES_PER_WEEK and whole % MINUTES_PER_WEEK == 0:
        return f"{whole // MINUTES_PER_WEEK}w"
    parts = []
    weeks, rest = divmod(whole, MINUTES_PER_WEEK)
    days, rest = divmod(rest, MINUTES_PER_DAY)
    hours, mins = divmod(rest, MINUTES_PER_HOUR)
    for amount, unit in ((weeks, "w"), (days, "d"), (hours, "h"), (mins, "m")):
        if amount:
            parts.append(f"{amount}{unit}")
    return " ".join(parts[:2]) if parts else "<1m"
