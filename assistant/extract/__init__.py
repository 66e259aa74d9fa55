"""Figure extractor: flattened report text -> figures, facts, commitments, references and plans."""

from assistant.extract.document import extract_document

__all__ = ["extract_document"]
