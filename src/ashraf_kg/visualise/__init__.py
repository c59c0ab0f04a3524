"""The visualise stage: the interactive network page (:mod:`.page`), what it draws
(:mod:`.scene`) and where (:mod:`.layout`)."""

DEFAULT_THRESHOLD = 400
"""Above this many nodes the page hides links while the reader drags or zooms."""
