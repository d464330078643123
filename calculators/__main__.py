"""``python -m calculators``: see ``calculators.cli``."""

import sys

from calculators.cli import main

# JSON goes out in UTF-8 whatever the locale says (Russian labels and messages).
if hasattr(sys.stdout, "reconfigure"):
    sys.stdout.reconfigure(encoding="utf-8")
sys.exit(main())
