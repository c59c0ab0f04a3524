"""ashraf-kg: an evidence-backed knowledge graph of news documents."""

__version__ = "0.1.0"
