import sys

from leukotrack.cli import main

sys.exit(main())
