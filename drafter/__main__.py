"""`python -m drafter`."""

import sys

from drafter.cli import main

if __name__ == "__main__":
    sys.exit(main())
