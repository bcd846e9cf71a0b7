#!/usr/bin/env python3
"""Derive dateline's vocabularies from the field's public lexicons in ../shared/lexicons.

Run once by a developer; the derived tables in dateline/vocab/ are committed, the lexicons are not.
What is taken is facts (which verb names which CAMEO/PLOVER category, which name belongs to which
country), never the lexicons' text as a whole.

    python scripts/derive_vocab.py --lexicons ../shared/lexicons
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

VOCAB = Path(__file__).resolve().parent.parent / "dateline" / "vocab"


def cameo_to_plover(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            name = {"REQUEST": "DEMAND"}.get(m.group(2), m.group(2))
            if name == "ACCUSE":
                name = "INVESTIGATE" if "investigate" in line else "DISAPPROVE"
            table[m.group(1)] = name
    return table


def plover_for(code: str, table: dict[str, str]) -> str | None:
    for n in (4, 3, 2):
        if code[:n] in table and len(code) >= n:
            return table[code[:n]]
    return None


def derive_triggers(lexicons: Path) -> list[tuple[str, str, str]]:
    table = cameo_to_plover(lexicons / "CAMEO2PLOVER-2021.txt")
    rows, block_code = [], None
    for raw in (lexicons / "CAMEO.verbpatterns.150430.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        head = re.match(r"^---\s*([A-Z_]+)\s*\[(\S*?)\]", line)
        if head:
            block_code = head.group(2)
            continue
        if not line or line.startswith(("-", "&", "~", "=")) or block_code is None:
            continue
        m = re.match(r"^\+?([A-Z][A-Z_\-]*)\s*(\{[^}]*\})?\s*(\[(\S+?)\])?", line.strip())
        if not m:
            continue
        code = m.group(4) or block_code
        if not code or not code[0].isdigit():
            continue
        plover = plover_for(code.split(":")[0], table)
        if plover:
            rows.append((m.group(1).lower().replace("_", " "), plover, code))
    return rows


# Phoenix codes that are not ISO 3166-1 alpha-3, mapped to the ISO code of today's country where one is clear
PHOENIX_TO_ISO = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR", "YUG": "SRB", "SER": "SRB", "KOS": "XKX"}


def _iso_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries}


def derive_actor_countries(lexicons: Path) -> list[tuple[str, str, str]]:
    """Names and aliases (countries, demonyms, cities, leaders, armed groups) with their ISO alpha-3 country.

    Codes that are not ISO alpha-3 today (the Soviet Union, IGOs, ...) are left out rather than guessed.
    """
    groups, current = [], None
    lines = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.MilNonState.actors.txt"):
        lines += (lexicons / name).read_text(encoding="utf-8", errors="replace").splitlines()
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith(("\t", " ")) or line.lstrip().startswith("["):
            codes = re.findall(r"\[([A-Z]{3})[A-Z]*", line)
            if current is not None and codes and not current["code"]:
                current["code"] = codes[0]
            continue
        names_part, _, code_part = line.partition("[")
        name = names_part.strip().lstrip("+").strip("_ ").replace("_", " ").lower()
        if line.startswith("+") and current is not None:
            current["names"].append(name)
        else:
            current = {"names": [name], "code": None, "person": False}
            groups.append(current)
        code = re.match(r"([A-Z]{3})", code_part)
        if code and not current["code"]:
            current["code"] = code.group(1)
    rows = []
    iso = _iso_codes()
    for g in groups:
        code = PHOENIX_TO_ISO.get(g["code"], g["code"])
        if not code or code not in iso:
            continue
        g["code"] = code
        for name in g["names"]:
            if name and 1 <= len(name.split()) <= 4 and re.fullmatch(r"[a-z][a-z .'\-]*", name):
                rows.append((name, g["code"]))
    rows += _demonyms({n for n, _ in rows} | {n for g in groups for n in g["names"]})
    counts = Counter(n for n, _ in rows)
    codes_by_name = defaultdict(set)
    for n, c in rows:
        codes_by_name[n].add(c)
    return sorted({(n, c, "name") for n, c in rows if len(codes_by_name[n]) == 1 and counts[n] >= 1})


def _demonyms(known_words: set[str]) -> list[tuple[str, str]]:
    """Demonyms of today's countries: forms made from each name by the usual suffixes, kept only where the
    dictionary itself knows the word (so "azerbaijani" → AZE, while no invented word gets in)."""
    import pycountry

    out = []
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", c.name)}:
            base = name.lower().split(",")[0]
            if " " in base:
                continue
            stems = {base, base[:-1], base[:-2]}
            for stem in stems:
                for suffix in ("i", "n", "an", "ian", "ese", "ish", "ic", "ean"):
                    word = stem + suffix
                    if word in known_words and word != base:
                        out.append((word, c.alpha_3))
    return out


AGENT_MACROS = {"!PERSON!": ("man", "woman", "person"), "!MINIST!": ("minister", "ministry")}


def derive_agents(lexicons: Path) -> list[tuple[str, str]]:
    """Agent nouns of the Phoenix agents dictionary with their sector, the first three letters of the
    code (GOV, MIL, REB, COP, BUS, …): "company" → BUS, "central bank" → GOV, "police officer" → COP."""
    rows = set()
    for raw in (lexicons / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^([A-Z][A-Z_!\-]*)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if not m:
            continue
        name, sector = m.group(1), m.group(2)
        forms = [name]
        for macro, words in AGENT_MACROS.items():
            if macro in name:
                forms = [f.replace(macro, w) for f in forms for w in words]
        for form in forms:
            words = form.strip("_").replace("_", " ").lower()
            if re.fullmatch(r"[a-z][a-z \-]*", words):
                rows.add((words, sector))
    by_name = defaultdict(set)
    for name, sector in rows:
        by_name[name].add(sector)
    return sorted((name, sorted(sectors)[0]) for name, sectors in by_name.items() if len(sectors) == 1)


def derive_international_actors(lexicons: Path) -> list[str]:
    """Names of the Phoenix international actors (IGOs such as the UN and NATO, NGOs, their officers):
    political actors that belong to no one country. Multinational companies (codes MNC…) are businesses."""
    codes: dict[str, set[str]] = defaultdict(set)
    name = None
    for raw in (lexicons / "Phoenix.International.actors.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        if not (line[:1].isspace() or line.lstrip().startswith("[")):
            name = line.split("[", 1)[0].strip().lstrip("+").strip("_ ").replace("_", " ").lower()
            codes.setdefault(name, set())
        if name is not None:
            codes[name] |= set(re.findall(r"\[([A-Z]+)", line))  # on the name's line or the lines after it
    return sorted(n for n, found in codes.items() if re.fullmatch(r"[a-z][a-z .'\-]*", n) and 1 <= len(n.split()) <= 6
                  and not (found and all(c.startswith("MNC") for c in found)))


def derive_quote_cues(lexicons: Path) -> list[str]:
    return sorted({w.strip().lower() for w in (lexicons / "ggt.quote_verb_list.txt").read_text().split() if w.strip()})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexicons", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "lexicons"))
    lex = Path(ap.parse_args().lexicons)
    VOCAB.mkdir(parents=True, exist_ok=True)
    triggers = sorted(set((v, p) for v, p, _ in derive_triggers(lex)))
    with open(VOCAB / "cameo_verbs.tsv", "w", encoding="utf-8") as fh:
        fh.write("# verb\tplover_type  (derived from PETRARCH2's CAMEO verb dictionary, MIT, mapped by PLOVER's CAMEO-to-PLOVER table, CC BY-SA 4.0)\n")
        for verb, plover in triggers:
            fh.write(f"{verb}\t{plover}\n")
    with open(VOCAB / "actor_countries.tsv", "w", encoding="utf-8") as fh:
        fh.write("# name\tiso3  (derived from the Phoenix country actor dictionary of PETRARCH2, MIT)\n")
        for name, code, _ in derive_actor_countries(lex):
            fh.write(f"{name}\t{code}\n")
    with open(VOCAB / "agents.tsv", "w", encoding="utf-8") as fh:
        fh.write("# agent noun\tsector  (derived from the Phoenix agents dictionary of PETRARCH2, MIT: GOV government, "
                 "MIL military, REB rebels, COP police, BUS business, …)\n")
        for name, sector in derive_agents(lex):
            fh.write(f"{name}\t{sector}\n")
    with open(VOCAB / "international_actors.txt", "w", encoding="utf-8") as fh:
        fh.write("# names of international actors: IGOs, NGOs and their officers (derived from the Phoenix "
                 "international actor dictionary of PETRARCH2, MIT)\n")
        fh.write("\n".join(derive_international_actors(lex)) + "\n")
    with open(VOCAB / "quote_cues_ggt.txt", "w", encoding="utf-8") as fh:
        fh.write("# quote verbs (derived from the GenderGapTracker's quote verb list, MIT)\n")
        fh.write("\n".join(derive_quote_cues(lex)) + "\n")
    print("wrote", ", ".join(p.name for p in VOCAB.iterdir()))


if __name__ == "__main__":
    main()
