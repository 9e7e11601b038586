"""Entities: gazetteers, the statistical NER model and the entity stage that combines them."""
