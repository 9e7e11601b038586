"""Pipeline components that put DATE and NUM spans into their layers."""

from __future__ import annotations

from desktop.document import Document
from desktop.text.dates import find_dates
from desktop.text.numbers import find_numbers


def dates_component(doc: Document) -> Document:
    doc.set_layer("dates", find_dates(doc))
    return doc


def numbers_component(doc: Document) -> Document:
    """NUM spans, leaving out digits that belong to a date (`3 مارس 2019`)."""
    dates = doc.layers.get("dates", [])
    doc.set_layer("numbers", [n for n in find_numbers(doc) if not any(d.overlaps(n) for d in dates)])
    return doc
