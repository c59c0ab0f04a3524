"""What a plain-text document states about itself in its first lines.

News and official texts put their facts in a header before the body, in a few common
shapes; :func:`read_header` reads them:

- a headline: a short first line that is not a sentence (no closing full stop);
  a text without one gets a short title made of its first words ("Gunmen in military
  uniforms opened fire …"), so that its id is short too;
- a date: a line of its own ("February 16, 2012", "Date: 14 March 2014",
  "Published: 2013-09-01", "14-Apr-2011"), or the date in a dateline;
- a dateline opening the body: "BAGHDAD (Reuters) -", "KHANAQIN, Iraq, June 3 (AFP) --",
  "WASHINGTON DC—Lawmakers …" (a dash written close to the first word),
  "9 April 2011, Brussels -": the agency in brackets is the publisher;
- a byline: "By Laura Whitfield", "By Anna Berg and Tom Reyes" (every author kept),
  "By Daniel Okafor and wire services" (the agency, if any, is left to the dateline),
  "Compiled by staff and wire services" (no person);
- a publisher line ("Source: …", "© 2014 …", or a line that is only the name of a news
  house: "Associated Press", "Washington Post Foreign Service") and a URL line.

>>> read_header("Rockets hit camp\\n\\nBAGHDAD (Reuters) - Rockets struck a camp.")["publisher"]
'Reuters'
"""

from __future__ import annotations

import re
from datetime import date

HEADER_LINES = 8
SHORT_TITLE_WORDS = 7
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[ -]{_MONTH},?[ -]\d{{4}}"
         rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? |-)\d{{4}}")
_DATE_LINE = re.compile(rf"^(?:(?:published|posted|date|dated|updated|issued)\s*:?\s*)?"
                        rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?({_DATE}"
                        r"|\d{1,2}/\d{1,2}/\d{4})\.?$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^\(?(?P<place>[A-Z][A-Z .'’-]{1,40}?)\)?"
    r"(?:,\s*(?P<region>[A-Z][\w .'’-]{1,30}?))?"
    rf"(?:,\s*(?P<date>{_DATE}|{_MONTH} \d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[A-Z][\w .&’'-]{1,30})\))?\s*(?:(?:--|[-–—])\s+\S|(?:--|[–—])[A-Z])")
_LEADING_DATE = re.compile(rf"^(?P<date>{_DATE}),\s*(?P<place>[A-Z][\w .'’-]{{1,30}}?)\s*(?:--|[-–—])\s+\S")
_BYLINE = re.compile(r"^(?:by|written by|author:|compiled by)\s+(?P<names>.+?)\s*$", re.IGNORECASE)
_PERSON = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}$")
_PUBLISHER = re.compile(r"^(?:publisher|source|©|\(c\)|copyright)\s*:?\s*(?:\d{4}\s+)?(.+?)\s*$",
                        re.IGNORECASE)
# A line of its own naming the house that publishes: "Associated Press", "Washington Post
# Foreign Service" (capitalised words ending in the kind of a news house)
_HOUSE = re.compile(r"^(?:[A-Z][\w.&'’-]*\s+){1,4}(?:Press|News|Service|Agency|Times|Post|Herald"
                    r"|Journal|Network|Tribune|Gazette|Wire|Radio|Television)$")
_URL = re.compile(r"^(?:url:\s*)?(https?://\S+)$", re.IGNORECASE)


def parse_stated_date(text: str) -> date | None:
    """A full date written in one of the usual ways ("9 April 2011", "June 3, 2013", ISO,
    or 25/12/2013 where the order of day and month cannot be mistaken)."""
    from ..timex import normalise_time

    text = re.sub(r"^(\d{1,2})-([A-Za-z]+\.?)-(\d{4})$", r"\1 \2 \3", text)  # "14-Apr-2011"
    text = re.sub(r"^([A-Za-z]+\.? \d{1,2})-(\d{4})$", r"\1, \2", text)  # "September 27-2013"
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        first, second, year = (int(g) for g in m.groups())
        if (first > 12) == (second > 12):
            return None  # 09/11/2013: day and month cannot be told apart
        day, month = (first, second) if first > 12 else (second, first)
        try:
            return date(year, month, day)
        except ValueError:
            return None

    spec = normalise_time(text, None)
    if not spec.begin or spec.begin != spec.end:
        return None
    try:
        return date.fromisoformat(spec.begin[:10])
    except ValueError:
        return None


def _is_headline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 30 and not re.search(r"[.;,:]$", line) \
        and not _DATE_LINE.match(line) and not _BYLINE.match(line)


def short_title(body: str) -> str:
    """The first words of a text that has no headline: "Gunmen in military uniforms …"."""
    words = re.findall(r"\S+", body)[:SHORT_TITLE_WORDS]
    return " ".join(words).rstrip(".,;:") + (" …" if len(body.split()) > len(words) else "")


def _byline(names: str) -> str | None:
    """The persons of a byline ("Anna Berg and Tom Reyes"), without "and wire services"."""
    names = re.sub(r"\s*(?:,|and)\s+(?:staff|wire services|agencies|news agencies)\b.*$", "", names,
                   flags=re.IGNORECASE)
    persons = [n.strip() for n in re.split(r"\s*(?:,\s*and\b|,|\band\b|&)\s*", names) if n.strip()]
    if not persons or any(not _PERSON.match(n) or n.lower() in ("staff", "staff writer") for n in persons):
        return None
    return persons[0] if len(persons) == 1 else ", ".join(persons[:-1]) + " and " + persons[-1]


def _read_line(line: str, stated: dict) -> None:
    """Fill ``stated`` from one header line (first finding wins)."""
    if (m := _DATE_LINE.match(line)) and not stated["published"]:
        stated["published"] = parse_stated_date(m[1])
    elif m := _BYLINE.match(line):
        stated["byline"] = stated["byline"] or _byline(m["names"])
    elif (m := _URL.match(line)) and not stated["url"]:
        stated["url"] = m[1]
    elif (m := _PUBLISHER.match(line)) and not stated["publisher"]:
        stated["publisher"] = m[1]
    elif _HOUSE.match(line) and not stated["publisher"]:
        stated["publisher"] = line
    elif m := (_DATELINE.match(line) or _LEADING_DATE.match(line)):
        found = m.groupdict()
        if found.get("agency") and not stated["publisher"]:
            stated["publisher"] = found["agency"].strip()
        if found.get("date") and not stated["published"]:
            stated["published"] = parse_stated_date(found["date"])


def read_header(body: str) -> dict:
    """``title``, ``published``, ``publisher``, ``byline`` and ``url`` a text states in its
    first lines (None where it does not), and ``headline``: whether the title is its own."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    stated: dict = {"title": None, "published": None, "publisher": None, "byline": None,
                    "url": None, "headline": False}
    if lines and _is_headline(lines[0].strip("= ")):
        stated["title"], stated["headline"] = lines[0].strip("= "), True
    for line in lines[1 if stated["headline"] else 0:HEADER_LINES]:
        _read_line(line, stated)
    if not stated["title"]:
        body_start = next((ln for ln in lines if len(ln.split()) > 8), lines[0] if lines else "")
        stated["title"] = short_title(_strip_dateline(body_start))
    return stated


def _strip_dateline(line: str) -> str:
    m = re.match(r"^.{0,80}?(?:\([^)]{1,30}\))?\s*(?:(?:--|[-–—])\s+|(?:--|[–—])(?=[A-Z]))", line)
    return line[m.end():] if m and (_DATELINE.match(line) or _LEADING_DATE.match(line)) else line
