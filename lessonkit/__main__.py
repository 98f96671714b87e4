"""`python -m lessonkit ...`: see lessonkit.cli."""

import sys

from .cli import main

sys.exit(main())
