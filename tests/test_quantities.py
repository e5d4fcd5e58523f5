"""The what-if quantities typed as people say them, and written back the same way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.model import Arrivals, Capacity
from pathmapper.model.quantities import (
    QuantityError,
    format_arrivals,
    format_servers,
    format_share,
    parse_arrivals,
    parse_servers,
    parse_share,
)


@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("150 a week", 150.0),
        ("150/week", 150.0),
        ("150 / wk", 150.0),
        ("150 per week", 150.0),
        ("150 patients a week", 150.0),
        ("150", 150.0),
        ("1,500 a week", 1500.0),
        ("30 a day", 210.0),
        ("30 daily", 210.0),
        ("600 a month", 138.46),
        ("5200 a year", 100.0),
        ("2.5 a week", 2.5),
        ("  150 A Week ", 150.0),
    ],
)
def test_arrivals_as_people_say_them(text: str, per_week: float) -> None:
    assert parse_arrivals(text) == per_week


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("lots", "not a number of patients a week"),
        ("150 a fortnight", "'fortnight' is not a day, week, month or year"),
        ("0 a week", "more than 0"),
        ("0.001 a week", "more than 0"),
        ("20000 a week", "at most 10,000 a week"),
        ("-5", "not a number"),
    ],
)
def test_arrivals_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(QuantityError, match=words):
        parse_arrivals(text)


def test_blank_means_not_stated() -> None:
    assert parse_arrivals("  ") is None
    assert parse_servers("") is None
    assert parse_share(" ") is None
    assert (format_arrivals(None), format_servers(None), format_share(None)) == ("", "", "")


@pytest.mark.parametrize(
    ("text", "servers"),
    [("2", 2), ("2 physios", 2), ("3 clinicians", 3), ("12 beds", 12), ("1,000", 1000)],
)
def test_capacity_counts_who_serves_and_drops_the_noun(text: str, servers: int) -> None:
    assert parse_servers(text) == servers


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("two physios", "not a number of people"),
        ("2.5 physios", "not a whole number"),
        ("0", "at least 1"),
        ("5000", "at most 1,000"),
    ],
)
def test_capacity_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(QuantityError, match=words):
        parse_servers(text)


@pytest.mark.parametrize(
    ("text", "share"),
    [("30%", 0.3), ("30 %", 0.3), ("0.3", 0.3), ("30 percent", 0.3), ("100%", 1.0), ("0", 0.0)],
)
def test_shares_as_percent_or_fraction(text: str, share: float) -> None:
    assert parse_share(text) == share


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("30", "write a percentage with %"),
        ("130%", "more than all patients"),
        ("most", "not a share of patients"),
    ],
)
def test_shares_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(QuantityError, match=words):
        parse_share(text)


def test_formatted_as_people_say_them() -> None:
    assert format_arrivals(150.0) == "150 a week"
    assert format_arrivals(138.46) == "138.46 a week"
    assert format_servers(2) == "2"
    assert format_share(0.3) == "30%"
    assert format_share(1 / 3) == "33.33%"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=1_000_000))
def test_arrivals_round_trip(hundredths: int) -> None:
    per_week = hundredths / 100
    assert parse_arrivals(format_arrivals(per_week)) == per_week


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=1000))
def test_servers_round_trip(servers: int) -> None:
    assert parse_servers(format_servers(servers)) == servers


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_shares_round_trip(ten_thousandths: int) -> None:
    share = ten_thousandths / 10_000
    assert parse_share(format_share(share)) == share


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_a_value_or_a_clear_refusal(text: str) -> None:
    for parse in (parse_arrivals, parse_servers, parse_share):
        try:
            parse(text)
        except QuantityError as refused:
            assert str(refused)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False),
    st.sampled_from(["", " a day", " a week", "/month", " per year"]),
)
def test_what_parses_is_what_the_map_accepts(number: object, period: str) -> None:
    """A value the field takes is one the map file takes: no edit is refused later."""
    text = f"{number}{period}"
    for parse, make in (
        (parse_arrivals, lambda value: Arrivals(per_week=value)),
        (parse_servers, lambda value: Capacity(servers=value)),
    ):
        try:
            value = parse(text)
        except QuantityError:
            continue
        assert value is not None
        make(value)
    try:
        share = parse_share(f"{number}%")
    except QuantityError:
        return
    assert share is not None and 0 <= share <= 1
