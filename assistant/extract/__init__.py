"""Figure extractor: flattened report text -> figures, facts, commitments, references and key-value blocks."""

from assistant.extract.document import extract_document

__all__ = ["extract_document"]
