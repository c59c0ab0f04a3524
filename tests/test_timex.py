"""normalise_time: time expressions of news text against the publication date."""

from datetime import date

import pytest

from ashraf_kg.timex import normalise_time, number_value

PUBLISHED = date(2013, 9, 1)


@pytest.mark.parametrize("expression, begin, end, duration", [
    ("today", "2013-09-01", "2013-09-01", None),
    ("last night", "2013-08-31", "2013-09-01", None),
    ("yesterday", "2013-08-31", "2013-08-31", None),
    ("days after", "2013-08-18", "2013-09-01", None),
    ("approximately midnight local time", "2013-09-01T00:00:00+03:00", None, None),
    ("6 hours", None, None, "PT6H"),
    ("12:40PM local time", "2013-09-01T12:40:00+03:00", None, None),
    ("February of this year", "2013-02-01", "2013-02-28", None),
    ("2013-09-01", "2013-09-01", "2013-09-01", None),
    ("17 December 2013", "2013-12-17", "2013-12-17", None),
    ("September 1, 2013", "2013-09-01", "2013-09-01", None),
    ("in recent years", None, "2013-09-01", None),
])
def test_expression_is_normalised_against_publication_date(expression, begin, end, duration):
    spec = normalise_time(expression, PUBLISHED, "+03:00")
    assert (spec.expression, spec.begin, spec.end, spec.duration) == (expression, begin, end, duration)


def test_clock_time_and_duration_give_an_end():
    spec = normalise_time("at approximately midnight local time, for six hours", PUBLISHED, "+03:00")
    assert (spec.begin, spec.end, spec.duration) == (
        "2013-09-01T00:00:00+03:00", "2013-09-01T06:00:00+03:00", "PT6H")


def test_without_time_zone_datetime_is_local():
    assert normalise_time("12:40PM", PUBLISHED).begin == "2013-09-01T12:40:00"


def test_relative_expression_without_publication_date_stays_open():
    spec = normalise_time("today", None)
    assert (spec.begin, spec.end) == (None, None)


def test_impossible_date_is_not_invented():
    assert normalise_time("31 February 2013", PUBLISHED).begin != "2013-02-31"


@pytest.mark.parametrize("words, value", [
    ("forty-four", 44), ("52", 52), ("five", 5), ("one hundred and five", 105),
    ("several", None), ("many", None)])
def test_number_words(words, value):
    assert number_value(words) == value
