"""What free text may contain, and showing any text safely on a terminal.

Why: a name or a note is printed to terminals and written to calendars. An escape sequence in
it (ESC, CSI) can clear the screen or colour a fake "all clear"; a lone carriage return can
overwrite a line; a bidi override (U+202E) can show a line in another order than it is stored.
So free text refuses these characters when it is read (``control_problem``), and anything that
prints stored text shows them as visible escapes (``printable``): stores made before the check
may still hold them.
"""

import re

# C0 controls (tab, newline and carriage return included), DEL, C1 controls, the line and
# paragraph separators, and the bidi embeddings, overrides and isolates.
_OTHERS = r"\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(rf"[\x00-\x1f{_OTHERS}]")
_UNSAFE_BUT_NEWLINE = re.compile(rf"[\x00-\x09\x0b-\x1f{_OTHERS}]")

_C0_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS TAB LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
_OTHER_NAMES = {
    "\x7f": "DEL",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def char_name(char: str) -> str:
    """``ESC, U+001B``: a control character's short name (when it has one) and its code point."""
    code = f"U+{ord(char):04X}"
    name = _C0_NAMES[ord(char)] if ord(char) < 32 else _OTHER_NAMES.get(char)
    return f"{name}, {code}" if name else code


def control_problem(text: str, newlines: bool = False) -> str | None:
    """Why ``text`` cannot be free text (None when it can): the first control character, by
    name and 1-based position. ``newlines``: a plain line break (LF) is allowed."""
    found = (_UNSAFE_BUT_NEWLINE if newlines else _UNSAFE).search(text)
    if found is None:
        return None
    where = f"({char_name(found[0])}) at position {found.start() + 1}"
    if found[0] in "\n\u2028\u2029" and not newlines:
        return f"contains a line break {where}; write it on one line"
    return f"contains a control character {where}; remove it"


def printable(text: str, newlines: bool = False) -> str:
    """``text`` with every control character shown as a visible escape (ESC as ``\\x1b``), so
    printing it cannot move the cursor, change colours or reorder the line. ``newlines``: keep
    plain line breaks."""
    pattern = _UNSAFE_BUT_NEWLINE if newlines else _UNSAFE
    return pattern.sub(lambda found: repr(found[0])[1:-1], text)
