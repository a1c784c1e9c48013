import sys

from exposure.cli import main

sys.exit(main())
