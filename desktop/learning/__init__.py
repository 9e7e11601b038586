"""Learning from the analyst: a project's own entity and incident models, trained from its reviewed
articles (`desktop.learning.train`), stored in the project and used by re-extraction
(`desktop.learning.extractor`)."""
