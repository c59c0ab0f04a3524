"""Extraction, step 4: memberships (W3C ORG posts) and relations between entities.

Rules read the words between two mentions:

- a title or post next to a person names their post in an organisation: "UN official
  Tahar Boumedra", "High Representative of the European Union Catherine Ashton",
  "Iraqi Prime Minister Nouri al-Maliki" (the government of the country), "Brigadier
  Abdul Reza Shahlai of the Iranian regime's Qods Force", "the head of the … Qods Force;
  Qassem Suleimani", "UNAMI, whose former chief, Martin Kobler"; where the text gives no
  organisation, the person's registry roles ("Prime Minister of Iraq") may;
- places: "Camp Ashraf in Diyala province" and "Camp Ashraf, Iraq" (the smaller place
  first) are containment, "Camp Liberty outside of Baghdad" and "Camp Ashraf, 60 km north
  of Baghdad" are nearness;
- organisations: a possessive ("Iran's Islamic Revolutionary Guard Corps") or a name that
  begins with another organisation's name ("UN human rights office") is a sub-organisation;
  "Tehran's proxies, Kata'ib Hezbollah" and "Iranian regime-backed militias such as the
  Mukhtar Army" are sponsorship; "X are members of Y" is membership of a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Entity
from ..namespaces import kind_of
from .mentions import Hit
from .names import LOCATING, REFERENCE_POINT, TITLES, demonyms, entity_names, fold, is_named_in, registry_cache

PLACE_RANK = {"Camp": 1, "City": 2, "AdministrativeArea": 3, "Country": 4, "Region": 5}
POSTS = ("head", "leader", "chief", "commander", "director", "founder", "spokesman",
         "spokeswoman", "member", "official", "envoy", "representative", "president",
         "chairman", "secretary-general", "minister", "adviser", "advisor", "commissioner",
         "coordinator", "rapporteur", "ambassador")
_POST_TITLES = sorted({*TITLES, *POSTS, *(p.capitalize() for p in POSTS)} - {"Mr", "Mrs", "Ms",
                      "Dr", "Mr.", "Mrs.", "Dr."}, key=len, reverse=True)
_TITLE = "|".join(re.escape(t) for t in _POST_TITLES)
_POSSESSIVE = r"(?:'s?|’s?)\s+"


@dataclass(frozen=True)
class RelationHit:
    """A membership (``kind="membership"``, ``role`` set) or a relation (``kind`` = predicate)."""

    kind: str
    subject: str
    object: str
    span: tuple[int, int]
    role: str = ""
    former: bool = False
    alleged: bool = False
    confidence: float = 0.6


class _Index:
    """Mentions and registry facts the rules look up."""

    def __init__(self, folded: str, hits: list[Hit], registry: tuple[Entity, ...]):
        self.text = folded
        self.hits = sorted(hits, key=lambda h: (h.start, -h.end))
        self.types = {e.id: e.type for e in registry}
        self.registry = {e.id: e for e in registry}
        # a government the text never names is never drawn in ("Iran's Qods Force")
        self.governments = {k: v for k, v in _governments(registry).items()
                            if _government_named(self.registry[k], self.registry[v], folded)}

    def kind(self, hit: Hit) -> str:
        return kind_of(hit.entity)

    def at(self, start: int, kinds=("organization",)) -> Hit | None:
        """The mention starting at ``start`` (after optional "the "), of one of ``kinds``."""
        m = re.match(r"(?:the\s+|The\s+)?", self.text[start:])
        return next((h for h in self.hits if h.start == start + m.end()
                     and self.kind(h) in kinds), None)

    def ending(self, end: int, kinds=("organization",)) -> Hit | None:
        return next((h for h in reversed(self.hits) if h.end == end and self.kind(h) in kinds),
                    None)

    def government(self, entity_id: str) -> str | None:
        """The organisation that acts for a place or organisation: Iran -> Government of Iran."""
        kind, entity = kind_of(entity_id), self.registry.get(entity_id)
        if kind == "organization":
            return entity_id
        if entity and entity.type == "City":
            for role in entity.roles:
                m = re.match(r"capital of (.+)$", role)
                country = m and next((e.id for e in self.registry.values()
                                      if e.type == "Country" and e.label == m[1]), None)
                if country:
                    return self.governments.get(country)
        return self.governments.get(entity_id)


@registry_cache
def _governments(registry: tuple[Entity, ...]) -> dict[str, str]:
    """Country id -> the organisation named "Government of <country>" (or "<Demonym> government")."""
    found = {}
    for country in (e for e in registry if e.type == "Country"):
        forms = {f"government of {country.label}".lower()} | {
            f"{d} government".lower() for d in demonyms(country.label)}
        for entity in registry:
            if entity.kind == "organization" and forms & {n.lower() for n, _ in entity_names(entity)}:
                found[country.id] = entity.id
    return found


def _government_named(country: Entity, government: Entity, folded: str) -> bool:
    """The text names the government: by a name of it, or as "the <demonym> regime /
    government / authorities" or "the government of <country>"."""
    adjectives = "|".join(re.escape(d) for d in sorted(demonyms(country.label)))
    return is_named_in(government, folded) or bool(re.search(
        rf"\b(?:(?:{adjectives})\s+(?:regime|government|authorities)|government (?:of|in) "
        rf"{re.escape(country.label)})\b", folded, re.IGNORECASE))


def _role_name(title: str) -> str:
    return title[:1].upper() + title[1:]


def _registry_post(index: _Index, person: str, title: str) -> str | None:
    """The organisation of a registry role "<title> of <X>" of ``person``."""
    for role in index.registry[person].roles if person in index.registry else ():
        # "minister" of "then-prime minister X" is the "Prime Minister of Iraq" of X's roles
        m = re.match(rf"(?:former\s+)?(?:[\w-]+\s+)?{re.escape(title)} of (?:the\s+)?(.+)$", role,
                     re.IGNORECASE)
        if not m:
            continue
        for entity in index.registry.values():
            if m[1] in {n for n, _ in entity_names(entity)}:
                return index.government(entity.id)
    return None


def _titled_posts(index: _Index, person: Hit) -> list[RelationHit]:
    """A title right before a person: "UN official X", "High Representative of the EU X"."""
    before = index.text[max(0, person.start - 90):person.start]
    m = re.search(rf"(?<![\w-])({_TITLE})\s+$", before)
    if not m:
        m = re.search(rf"(?<![\w-])({_TITLE}) of (?:the\s+)?[^,;.()]{{2,60}}?\s+$", before)
        org = m and index.ending(person.start - len(before) + len(before.rstrip()))
        if not (m and org):
            return []
        start = person.start - len(before) + m.start()
        return [RelationHit("membership", person.entity, org.entity, (start, person.end),
                            role=_role_name(m[1]))]
    title, start = m[1], person.start - len(before) + m.start(1)
    org = index.ending(start - 1) if index.text[start - 1:start] == " " else None
    if org is None:
        after = re.match(r"\s+of\s+", index.text[person.end:])
        org = after and _possessed(index, person.end + after.end())
        if org:
            return [RelationHit("membership", person.entity, org.entity, (start, org.end),
                                role=_role_name(title))]
    if org is None:
        adjective = re.search(r"(?<![\w-])([A-Z][a-z]+)\s+$", index.text[:start])
        country = adjective and next(
            (e.id for e in index.registry.values()
             if e.type == "Country" and adjective[1] in demonyms(e.label)), None)
        government = index.government(country) if country else None
        org_id = government or _registry_post(index, person.entity, title)
        if org_id is None:
            return []
        if government:
            start -= len(adjective[1]) + 1
        return [RelationHit("membership", person.entity, org_id, (start, person.end),
                            role=_role_name(title), confidence=0.5)]
    return [RelationHit("membership", person.entity, org.entity, (org.start, person.end),
                        role=_role_name(title))]


def _possessed(index: _Index, start: int) -> Hit | None:
    """The organisation a possessive chain ends in: "the Iranian regime's Qods Force"."""
    hit = index.at(start, kinds=("organization", "place"))
    while hit is not None:
        m = re.match(_POSSESSIVE, index.text[hit.end:hit.end + 4])
        following = m and index.at(hit.end + m.end(), kinds=("organization", "place"))
        if not following:
            break
        hit = following
    return hit if hit is not None and index.kind(hit) == "organization" else None


def _post_of_phrases(index: _Index, person: Hit) -> list[RelationHit]:
    """"the head of the … Qods Force; X", "The leader of the Iranian resistance, X"."""
    before = index.text[max(0, person.start - 120):person.start]
    offset = person.start - len(before)
    m = re.search(rf"\b(?:[Oo]ne\s+of\s+the|[Tt]he)\s+(former\s+)?({'|'.join(POSTS)})s?\s+of\s+[^.()]*?[;:,]?\s+$",
                  before)
    if m:
        org = index.ending(offset + len(before[:m.end()].rstrip(" ;:,")))
        if org:
            return [RelationHit("membership", person.entity, org.entity,
                                (offset + m.start(), person.end), role=_role_name(m[2]),
                                former=bool(m[1]))]
    m = re.search(rf",\s*whose\s+(former\s+)?({'|'.join(POSTS)}),\s+$", before)
    if m:
        orgs = [h for h in index.hits if h.end <= offset + m.start() and index.kind(h) ==
                "organization" and offset + m.start() - h.end < 60]
        if orgs:
            return [RelationHit("membership", person.entity, orgs[-1].entity,
                                (offset + m.start() + 1, person.end), role=_role_name(m[2]),
                                former=bool(m[1]))]
    return []


def _appositive_posts(index: _Index, person: Hit) -> list[RelationHit]:
    """A post told after the person: "X, an Iranian-based member of the Y", "X, former
    Chief of the Y", "X, the Y Special Representative", "X as Y Special Adviser"."""
    at = person.end
    for _ in range(3):  # "X, a former prisoner, a senior member of Y": past other appositions
        m = re.match(rf",\s+(?:(?:the|a|an)\s+)?(former\s+)?(?:[\w-]+\s+){{0,2}}?({_TITLE})\s+of\s+",
                     index.text[at:at + 120])
        org = m and _possessed(index, at + m.end())
        if org:
            return [RelationHit("membership", person.entity, org.entity, (person.start, org.end),
                                role=_role_name(m[2]), former=bool(m[1]))]
        aside = re.match(r",\s+(?:a|an|the)\s+[^,;.()]{1,60}(?=,)", index.text[at:at + 80])
        if not aside:
            break
        at += aside.end()
    after = index.text[person.end:person.end + 120]
    m = re.match(r"(?:,|\s+as)\s+(?:the\s+)?(former\s+)?", after)
    org = m and index.at(person.end + m.end())
    title = org and re.match(rf"\s+(?:[A-Z][\w-]+\s+){{0,2}}?({_TITLE})\b", index.text[org.end:org.end + 60])
    if not title or not title[1][:1].isupper():
        return []
    return [RelationHit("membership", person.entity, org.entity, (person.start, org.end + title.end()),
                        role=title[1], former=bool(m[1]))]


_IS_A_PLACE_IN = (r"\s+(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:camp|city|town|village|district|province"
                  r"|base|settlement|suburb|neighbou?rhood)\s+(?:in|of)\s+")


def _possessed_place(index: _Index, place: Hit) -> Hit:
    """The last place of a possessive chain: "Kesh's Orlan province" ends in the province."""
    m = re.match(_POSSESSIVE, index.text[place.end:place.end + 4])
    following = m and index.at(place.end + m.end(), kinds=("place",))
    return following if following and following.start == place.end + m.end() else place


def _possessive_places(index: _Index, place: Hit, rank: int) -> list[RelationHit]:
    """"Valdoria's Orlan province": the smaller place named in the possessive of the bigger."""
    inner = _possessed_place(index, place)
    smaller = PLACE_RANK.get(index.types.get(inner.entity, ""), 0)
    if inner is place or inner.entity == place.entity or not (smaller and rank > smaller):
        return []
    return [RelationHit("containedInPlace", inner.entity, place.entity, (place.start, inner.end))]


def _places(index: _Index, place: Hit) -> list[RelationHit]:
    rank = PLACE_RANK.get(index.types.get(place.entity, ""), 0)
    # past other names: "Camp Nord (formerly Camp Y) in Kesh", "Camp Nord or Nord City (…) is"
    aside = re.match(r"(?:\s+or\s+(?:[A-Z][\w-]*\s?)+)?\s*\([^)]{0,100}\)", index.text[place.end:])
    end = place.end + (aside.end() if aside else 0)
    after = index.text[end:end + 60]
    found = _possessive_places(index, place, rank)
    # "Camp Nord in Kesh", and "Camp Nord residents in Valdoria" (where the residents are, the camp is)
    for pattern, predicate in ((r"\s+(?:(?:residents|inhabitants|refugees)\s+)?in\s+", "containedInPlace"),
                               (r",\s+(?=[A-Z])", "containedInPlace"),
                               (_IS_A_PLACE_IN, "containedInPlace"),
                               (rf"(?:\s*,)?\s+{LOCATING}", "locatedNear")):
        m = re.match(pattern, after)
        other = m and index.at(end + m.end(), kinds=("place",))
        if other and pattern == _IS_A_PLACE_IN:  # "a camp in Kesh's Orlan province": the province
            other = _possessed_place(index, other)
        if not other or other.entity == place.entity:
            continue
        bigger = PLACE_RANK.get(index.types.get(other.entity, ""), 0)
        if predicate == "containedInPlace" and not (rank and bigger > rank):
            continue
        if predicate == "locatedNear" and (bigger >= PLACE_RANK["Country"] or REFERENCE_POINT.search(
                index.text, max(0, place.start - 60), place.start)):
            continue  # nothing is near a country; "north of Kesh near Lira": Kesh is a reference
        if pattern.startswith(",") and not re.match(r"\s*(?:$|[.;)\n])", index.text[other.end:]):
            continue  # "Camp Ashraf, Iraq" but not a list "Europe, the United States, …"
        found.append(RelationHit(predicate, place.entity, other.entity, (place.start, other.end)))
    return found


def _organisations(index: _Index, hit: Hit, owners: dict[str, list]) -> list[RelationHit]:
    found = []
    m = re.match(_POSSESSIVE, index.text[hit.end:hit.end + 4])
    owned = m and index.at(hit.end + m.end())
    parent = index.government(hit.entity) if index.kind(hit) in ("organization", "place") else None
    if owned and parent and owned.entity != parent and owned.start == hit.end + m.end():
        found.append(RelationHit("subOrganizationOf", owned.entity, parent, (hit.start, owned.end)))
    if index.kind(hit) == "organization":
        name = index.text[hit.start:hit.end]  # "<other's name> <more words>": a part of the other
        heads = [o for i, c in enumerate(name) if c == " " for o in owners.get(name[:i], ()) if o[1] != hit.entity]
        if heads:
            found.append(RelationHit("subOrganizationOf", hit.entity, min(heads)[1], (hit.start, hit.end)))
    return found


def _sponsors(index: _Index, hit: Hit) -> list[RelationHit]:
    """"<X>'s … proxies, A and B" and "<X>-backed … such as A": X sponsors A (and B)."""
    after = index.text[hit.end:hit.end + 120]
    m = (re.match(rf"{_POSSESSIVE}(?:[\w-]+\s+)?prox(?:y|ies),?\s+(?:such as\s+|including\s+)?", after)
         or re.match(r"-backed\s+[^.;]{0,60}?\b(?:such as|including|like)\s+", after))
    sponsor = m and index.government(hit.entity)
    if not sponsor:
        return []
    found, at = [], hit.end + m.end()
    while (client := index.at(at)) is not None:
        found.append(RelationHit("sponsor", client.entity, sponsor, (hit.start, client.end),
                                 alleged=True, confidence=0.5))
        joint = re.match(r"\s*(?:,\s*)?(?:and\s+)?", index.text[client.end:])
        at = client.end + joint.end() if joint.end() else -1
    return found


def _group_members(index: _Index, hit: Hit) -> list[RelationHit]:
    # "X are members of Y", and in apposition "X, members of Y", "dissidents members of Y"
    m = re.match(r"(?:\s+(?:are|were|is|was)|,)?\s+(?:all\s+)?members\s+of\s+", index.text[hit.end:])
    org = m and index.at(hit.end + m.end())
    return [RelationHit("memberOf", hit.entity, org.entity, (hit.start, org.end))] if org else []


@registry_cache
def _place_and_org_names(registry: tuple[Entity, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    owners = {}
    for entity in registry:
        if entity.kind in ("place", "organization"):
            for name, _ in entity_names(entity):
                owners.setdefault(name, entity.id)
    if not owners:
        return None, owners
    alternation = "|".join(re.escape(n) for n in sorted(owners, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?=({alternation})(?![\w]))"), owners


def _name_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """Places and organisations named inside a longer mention ("residents at Camp Ashraf")."""
    pattern, owners = _place_and_org_names(registry)
    starts = {(h.start, h.end) for h in hits}
    found = []
    for m in pattern.finditer(folded) if pattern else ():
        name = m[1]
        if (m.start(), m.start() + len(name)) not in starts:
            found.append(Hit(owners[name], m.start(), m.start() + len(name), 0.9, "nested"))
    return found


@registry_cache
def _organisation_owners(registry: tuple[Entity, ...]) -> dict[str, list[tuple[int, str]]]:
    """Name -> (place in the registry, organisation) of each organisation with that name."""
    owners: dict[str, list[tuple[int, str]]] = {}
    for n, entity in enumerate(e for e in registry if e.kind == "organization"):
        for name in {name for name, _ in entity_names(entity) if len(name) > 1}:
            owners.setdefault(name, []).append((n, entity.id))
    return owners


# "Mr. A of Kesh (for himself, Ms. B and Mr. C) introduced the following bill": a bill's sponsors
_SPONSORED = re.compile(r"\(\s*for\s+(?:himself|herself|themselves)\b[^)]*\)\s+(?:submitted|introduced)"
                        r"\s+the\s+following\s+(?:[\w-]+\s+)?(?:resolution|bill)\b", re.IGNORECASE)
_CHAMBER = re.compile(r"\b(?:house\s+of\s+(?:representatives|commons|lords|delegates)|senate|assembly"
                      r"|parliament)\b", re.IGNORECASE)


def _bill_sponsors(index: _Index) -> list[RelationHit]:
    """The sponsors of a bill or resolution are members of the chamber it is laid before:
    the one named last before it ("IN THE HOUSE OF REPRESENTATIVES")."""
    found = []
    for m in _SPONSORED.finditer(index.text):
        chambers = [h for h in index.hits if h.end <= m.start() and index.kind(h) == "organization"
                    and _CHAMBER.search(index.text[h.start:h.end])]
        if not chambers:
            continue
        line = index.text.rfind("\n", 0, m.start()) + 1
        people = [h for h in index.hits if line <= h.start < m.end() and index.kind(h) == "person"]
        found += [RelationHit("membership", h.entity, chambers[-1].entity, (line, m.end()), role="Member",
                              confidence=0.5) for h in people]
    return found


def find_relations(text: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[RelationHit]:
    """Memberships and relations of a document, in text order, each pair once."""
    index = _Index(fold(text), hits + _name_hits(fold(text), hits, registry), registry)
    owners = _organisation_owners(registry)
    found: list[RelationHit] = _bill_sponsors(index)
    for hit in index.hits:
        kind = index.kind(hit)
        if kind == "person":
            found += (_titled_posts(index, hit) or _post_of_phrases(index, hit)) + _appositive_posts(index, hit)
        elif kind == "place":
            found += _places(index, hit)
        if kind in ("organization", "place"):
            found += _organisations(index, hit, owners) + _sponsors(index, hit)
        if kind == "group":
            found += _group_members(index, hit)
    seen, unique = set(), []
    for item in sorted(found, key=lambda r: r.span):
        key = (item.kind, item.subject, item.object)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
