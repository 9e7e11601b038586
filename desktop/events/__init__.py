"""Incidents: ACLED-style event extraction from Arabic event language, with evidence."""
