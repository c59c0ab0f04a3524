"""Text for a terminal: what would drive it is shown, not obeyed.

A label, a quote or an error message may hold escape sequences (which move the cursor,
recolour or retitle the terminal) or bidirectional overrides (which make text read in
another order than it is stored). On a terminal, every control character but the line
end and the tab, and every bidirectional control, is written as a visible escape
(``\\x1b``, ``\\u202e``). Output to a file or a pipe is left exactly as it is.
"""

from __future__ import annotations

import io
import re
import sys

from ..errors import AshrafKGError

# C0 controls but tab and line feed, DEL, C1 controls; the bidirectional controls (LRM,
# RLM, ALM, the embeddings and overrides, the isolates). Compiled by re.sub on first use
# (and kept in re's cache), not at import: output to a file or a pipe never needs it.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def terminal_safe(text: str) -> str:
    """``text`` with what would drive a terminal written as a visible escape.

    >>> terminal_safe("Maliki\\x1b[2J\\u202eevil")
    'Maliki\\\\x1b[2J\\\\u202eevil'
    """
    return re.sub(_UNSAFE, lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100
                       else f"\\u{ord(m[0]):04x}", text)


class TerminalWriter(io.TextIOBase):
    """A text stream that writes :func:`terminal_safe` text to ``stream``."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self):
        return self.stream.encoding


def guard(stream):
    """``stream`` itself, or a :class:`TerminalWriter` over it when it is a terminal."""
    try:
        is_terminal = stream.isatty()
    except (AttributeError, ValueError):
        return stream
    return TerminalWriter(stream) if is_terminal else stream


def run_guarded(command, *args) -> int | None:
    """``command(*args)``'s exit status, every library error turned into one ``Error: …`` line
    on standard error and its exit status; None when ``command`` returns None.

    Labels and quotes may hold escape sequences or bidi overrides: on a terminal they are
    shown, not obeyed. A file or a pipe gets the text unchanged.
    """
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = guard(stdout), guard(stderr)
    try:
        return command(*args)
    except AshrafKGError as error:
        print(f"Error: {one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def one_line(message: str) -> str:
    """``message`` fit for one line of any terminal: line breaks as spaces, and characters
    no encoding can write (lone surrogates) as escapes."""
    text = " ".join(line.strip() for line in message.splitlines())
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
