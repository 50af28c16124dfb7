"""`python -m cleanwire` runs the command-line filter."""

import sys

from cleanwire.cli import main

sys.exit(main())
