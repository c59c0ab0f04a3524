"""The export stage: the dumps (:mod:`.dumps`, :mod:`.turtle`, :mod:`.jsonld`), the ontology's
page (:mod:`.ontodoc`) and the dataset's own description (:mod:`.describe`)."""
