"""What a plain text states about itself in its header: headline, date, dateline, byline."""

from datetime import date

import pytest

from ashraf_kg.corpus.header import parse_stated_date, read_header, short_title


@pytest.mark.parametrize("text,publisher,published", [
    ("Rockets hit camp\n\nBAGHDAD (Reuters) - Several rockets struck a camp on Tuesday.", "Reuters", None),
    ("Shelling\n\nKHANAQIN, Iraq, June 3, 2013 (AFP) -- Mortar rounds fell overnight.", "AFP", date(2013, 6, 3)),
    ("Declaration\n\n9 April 2011, Brussels - Declaration by the High Representative.", None,
     date(2011, 4, 9)),
    ("Statement\n\n(WASHINGTON) – The Congresswoman wrote letters today.", None, None),
])
def test_dateline_gives_agency_and_date(text, publisher, published):
    header = read_header(text)
    assert (header["publisher"], header["published"]) == (publisher, published)


@pytest.mark.parametrize("line,published", [
    ("Date: 14 March 2014", date(2014, 3, 14)),
    ("February 16, 2012", date(2012, 2, 16)),
    ("Published: 2013-09-01", date(2013, 9, 1)),
    ("Saturday, June 15, 2013", date(2013, 6, 15)),
    ("03-Jun-2013", date(2013, 6, 3)),
    ("September 27-2013", date(2013, 9, 27)),
])
def test_date_line(line, published):
    assert read_header(f"Ministry rejects report\n\n{line}\n\nThe ministry spoke today.")["published"] == published


@pytest.mark.parametrize("line,byline", [
    ("By Laura Whitfield", "Laura Whitfield"),
    ("By Daniel Okafor and wire services", "Daniel Okafor"),
    ("Compiled by staff and wire services", None),
    ("By Anna Berg and Tom Reyes", "Anna Berg and Tom Reyes"),
    ("By Anna Berg, Tom Reyes and Lia Moss", "Anna Berg, Tom Reyes and Lia Moss"),
    ("By Anna Berg and the editors", None),
])
def test_byline(line, byline):
    assert read_header(f"Militia claims attack\n{line}\n\nA militia said it fired.")["byline"] == byline


def test_text_without_headline_gets_a_short_title_of_its_first_words():
    text = ("Gunmen in military uniforms opened fire on a convoy carrying aid workers on the road "
            "north of the city late on Friday, according to local officials.\n")
    header = read_header(text)
    assert (header["title"], header["headline"]) == ("Gunmen in military uniforms opened fire on …", False)


def test_short_title_skips_the_dateline():
    text = "BAGHDAD (Reuters) - Several rockets struck a camp housing exiles near the airport on Tuesday.\n"
    assert read_header(text)["title"] == "Several rockets struck a camp housing exiles …"


def test_dateline_with_the_dash_close_to_the_first_word():
    text = "LISBON PT—Several rockets struck a camp housing exiles near the airport on Tuesday.\n"
    assert read_header(text)["title"] == "Several rockets struck a camp housing exiles …"


def test_short_title_of_a_short_text_has_no_ellipsis():
    assert short_title("Rockets fell.") == "Rockets fell"


@pytest.mark.parametrize("text,found", [
    ("25/12/2013", date(2013, 12, 25)), ("12/25/2013", date(2013, 12, 25)),
    ("09/11/2013", None), ("31/02/2013", None), ("9 April 2011", date(2011, 4, 9)),
])
def test_numeric_dates_only_when_day_and_month_cannot_be_mistaken(text, found):
    assert parse_stated_date(text) == found


@pytest.mark.parametrize("line,publisher", [
    ("Valley Press", "Valley Press"),
    ("Kesh Daily Herald Foreign Service", "Kesh Daily Herald Foreign Service"),
    ("Anna Berg", None),
])
def test_a_line_naming_a_news_house_is_the_publisher(line, publisher):
    assert read_header(f"Militia claims attack\n{line}\n\nA militia said it fired.")["publisher"] == publisher
