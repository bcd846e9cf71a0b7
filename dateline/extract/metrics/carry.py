"""Carry: what neighbouring quantities share. A conversion in brackets restates the quantity before
it; a bare number that ends a from-to takes the unit of its start; the level a change ends at
measures the same thing."""
from __future__ import annotations

import re

from dateline.records import Metric


def carry_all(metrics: list[Metric], text: str) -> list[Metric]:
    metrics = carry_into_conversions(carry_into_lists(carry_into_coordinated(metrics, text), text), text)
    return carry_into_levels(carry_into_earlier(carry_into_ranges(metrics, text), text), text)


def carry_into_coordinated(metrics: list[Metric], text: str) -> list[Metric]:
    """`27,510 and 57,450 tonnes`, `4 ppb and 2 ppb`: a bare number coordinated with a quantity that has a
    unit is in that unit (the writer gives it once)."""
    for before, after in zip(metrics, metrics[1:]):
        if before.normalized_unit == "-" and after.normalized_unit != "-" and before.value_max is None \
                and re.fullmatch(r"\s*(?:,\s*)?(?:and|or)\s+|\s*,\s*", text[before.end:after.start]):
            before.unit, before.normalized_unit = after.unit, after.normalized_unit
    return metrics


LIST_ITEM = re.compile(r"\s+of\s+[^\d,.;()]{1,40}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def carry_into_lists(metrics: list[Metric], text: str) -> list[Metric]:
    """`47,000 tonnes of barley, 78,600 of wheat and 25,000 of rapeseed`: a bare number of the next item of
    a list is in the unit of the item before it."""
    for before, after in zip(metrics, metrics[1:]):
        if after.normalized_unit == "-" and before.normalized_unit != "-" and after.value_max is None \
                and LIST_ITEM.fullmatch(text[before.end:after.start]) and re.match(r"\s+of\s", text[after.end:after.end + 4]):
            after.unit, after.normalized_unit = before.unit, before.normalized_unit
    return metrics


COMPARED = re.compile(r"(?:[^.;:\d()]{0,40}?,?)?\s*(?:(?:up|down|higher|lower)\s+)?"
                      r"(?:from|against|compared with|versus|vs\.?)\s+(?:about\s+|around\s+)?")


def carry_into_earlier(metrics: list[Metric], text: str) -> list[Metric]:
    """`5.2 mln tonnes, up from 4.8 mln`, `1.03 billion dlrs a day in the latest period, down from 1.50
    billion`, `to 18 cts from 14 cts`: a number the level was compared with is in its unit (a bare one)
    and measures the same thing."""
    for before, after in zip(metrics, metrics[1:]):
        if before.normalized_unit == "-" or not COMPARED.fullmatch(text[before.end:after.start]):
            continue
        if after.normalized_unit == "-":
            after.unit, after.normalized_unit = before.unit, before.normalized_unit
        if after.normalized_unit == before.normalized_unit:
            after.concept = before.concept or after.concept  # "to 18 cts from 14 cts": the same thing, before and after
    return metrics


def carry_into_levels(metrics: list[Metric], text: str) -> list[Metric]:
    """`Unite Group, down 68 p at 1112 p`, `rose by 16.1 mln marks to 381.6 mln`: the level a change ends
    at measures the same thing, in the change's unit when it gives none."""
    for before, after in zip(metrics, metrics[1:]):
        if before.change not in ("up", "down") or not re.fullmatch(r"\s+(?:at|to)\s+(?:about\s+|around\s+)?",
                                                                    text[before.end:after.start]):
            continue
        after.concept = before.concept or after.concept
        if after.normalized_unit == "-" and before.normalized_unit not in ("-", "percentage", "percentage point"):
            after.unit, after.normalized_unit = before.unit, before.normalized_unit  # not "rose 8% to 3.65"
    return metrics


def carry_into_ranges(metrics: list[Metric], text: str) -> list[Metric]:
    """`from about 14-18 mpg to 24`: a bare number that ends a from-to after a quantity with a unit
    is in that unit."""
    for before, after in zip(metrics, metrics[1:]):
        if after.normalized_unit == "-" and before.normalized_unit != "-" \
                and re.fullmatch(r"\s+to\s+(?:about\s+|around\s+|nearly\s+)?", text[before.end:after.start]) \
                and re.search(r"\bfrom\s+(?:\S+\s+){0,2}$", text[max(0, before.start - 30):before.start]):
            after.unit, after.normalized_unit = before.unit, before.normalized_unit
    return metrics


def carry_into_conversions(metrics: list[Metric], text: str) -> list[Metric]:
    """`just under 296 hp (300 PS / 224 kW)`, `some seven miles (11 km)`: a quantity in brackets after
    another restates it in other units, so it shares its change and concept."""
    for before, after in zip(metrics, metrics[1:]):
        gap = text[before.end:after.start]
        if re.fullmatch(r"\s*\(\s*|\s*/\s*", gap) and (gap.strip() == "(" or text[:before.start].rstrip().endswith("(")):
            if after.change == "=":
                after.change = before.change
            after.concept = before.concept or after.concept
    return metrics
