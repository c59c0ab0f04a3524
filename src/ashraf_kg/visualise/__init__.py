"""The visualise stage: the interactive network page (:mod:`.page`)."""

DEFAULT_THRESHOLD = 400
"""Above this many nodes the page precomputes positions and turns physics off."""
