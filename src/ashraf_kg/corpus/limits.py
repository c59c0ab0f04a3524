"""How much a curation file may ask of the reader before it is refused."""

MAX_DEPTH = 40  # a curation file nests six levels deep at most
MAX_ALIASES = 100
MAX_NODES = 1_000_000  # values after expanding aliases
