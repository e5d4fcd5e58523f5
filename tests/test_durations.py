import pytest

from pathmapper.model import (
    DurationError,
    describe_minutes,
    iso_to_minutes,
    minutes_to_iso,
    parse_human,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("PT30M", 30),
        ("PT1H30M", 90),
        ("P2D", 2880),
        ("P6W", 60480),
        ("P1DT4H", 1680),
        ("PT0.5H", 30),
        ("PT90S", 1.5),
        ("p2d", 2880),
    ],
)
def test_iso_durations_in_minutes(text: str, minutes: float) -> None:
    assert iso_to_minutes(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["P1M", "P1Y", "P1Y2D", "P2M3D"])
def test_months_and_years_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(DurationError, match="weeks or days"):
        iso_to_minutes(text)


@pytest.mark.parametrize("text", ["", "P", "PT", "2 days", "P2X", "PT-5M", "30"])
def test_text_that_is_not_a_duration_is_refused(text: str) -> None:
    with pytest.raises(DurationError, match="not an ISO 8601 duration"):
        iso_to_minutes(text)


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("6w", "P6W"),
        ("2d 4h", "P2DT4H"),
        ("30m", "PT30M"),
        ("1.5 hours", "PT1H30M"),
        ("2 days", "P2D"),
        ("1h, 15 mins", "PT1H15M"),
        ("P3D", "P3D"),
        ("14d", "P2W"),
        ("0m", "PT0M"),
    ],
)
def test_durations_as_people_type_them(typed: str, iso: str) -> None:
    assert parse_human(typed) == iso


def test_empty_entry_means_unknown() -> None:
    assert parse_human("   ") is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("3 months", "weeks or days"),
        ("1y", "weeks or days"),
        ("30", "add a unit"),
        ("5 fortnights", "unknown unit"),
        ("soon", "not a duration"),
        ("2d later", "not a duration"),
    ],
)
def test_typed_durations_that_cannot_be_used(typed: str, reason: str) -> None:
    with pytest.raises(DurationError, match=reason):
        parse_human(typed)


def test_minutes_to_iso_round_trips() -> None:
    for minutes in (1, 59, 60, 61, 1440, 1500, 10080, 20160, 100000):
        assert iso_to_minutes(minutes_to_iso(minutes)) == minutes


def test_describe_minutes_for_badges() -> None:
    assert describe_minutes(90) == "1h 30m"
    assert describe_minutes(60480) == "6w"
    assert describe_minutes(2880) == "2d"
    assert describe_minutes(0) == "0m"
