"""Rasid (راصد): offline reader and incident extractor for Arabic conflict news."""

from __future__ import annotations

__version__ = "0.1.0"
