"""The command line: parse, call one api function, print. The only package that imports click.

group.py holds the ``rehabplan`` group (``main``), its error boundary and the entry point
``run``; talk.py how much is said on stderr; options.py what the commands share; each cmd_*.py
adds one family of commands to ``main`` when imported, which happens here; *_text.py word
results for the terminal; terminal.py reads keys and prompts (docs/architecture.md).
"""

from rehabplan.cli import cmd_batch, cmd_init, cmd_library, cmd_patients, cmd_plan, cmd_today  # noqa: F401 (registers them)
from rehabplan.cli.group import main, run

__all__ = ["main", "run"]
