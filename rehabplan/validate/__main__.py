"""``python -m rehabplan.validate PLAN.json``: print a saved plan's violations; exit 1 if any."""

import sys

from rehabplan.validate.checks import main

sys.exit(main(sys.argv[1:]))
