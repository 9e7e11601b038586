"""The pipeline a project extracts with: the bundled one, plus the project's dictionary of actors and
places added to the gazetteers (`kind` actor|place, `key`, `name`, `aliases`, coordinates, `admin1`,
`country`, `actor_type`, `overrides`, `attrs`: `DictionaryEntry.to_json()`) and the project's own
models when the analyst put them in use.

Holds only plain data (picklable for worker processes); the recognizer and taggers are built on
first use in each process, and the incident model is put in use in that process.
"""

from __future__ import annotations

from typing import Any

from desktop.document import Document
from desktop.events import classifier
from desktop.events.classifier import IncidentModel
from desktop.learning.entities import EntityCorrection, EntityModel
from desktop.pipeline import Pipeline


class ProjectExtractor:
    """The full pipeline with a project's dictionary entries and models (any of them may be empty)."""

    def __init__(
        self,
        entries: list[dict[str, Any]],
        incident_model: IncidentModel | None = None,
        entity_model: EntityModel | None = None,
    ) -> None:
        self.entries = entries
        self.incident_model = incident_model
        self.entity_model = entity_model
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_pipeline": None}

    def _build(self) -> Pipeline:
        from desktop.nlp.entities import EntityRecognizer, default_recognizer
        from desktop.nlp.gazetteer import load_gazetteers, project_entries

        if self.entries:
            places, actors = project_entries(self.entries)
            recognizer = EntityRecognizer(load_gazetteers().with_overrides(places=places, actors=actors))
        else:
            recognizer = default_recognizer()
        if self.entity_model is None:
            return Pipeline(replaced={"entities": recognizer})
        correction = EntityCorrection(self.entity_model)

        def entities(doc: Document) -> Document:
            return correction(recognizer(doc))

        return Pipeline(replaced={"entities": entities})

    def __call__(self, doc: Document) -> Document:
        if self._pipeline is None:
            self._pipeline = self._build()
        if self.incident_model is None:
            return self._pipeline(doc)
        with classifier.using(self.incident_model):
            return self._pipeline(doc)
