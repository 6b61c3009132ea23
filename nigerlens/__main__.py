"""``python -m nigerlens`` is the ``nigerlens`` command."""

import sys

from nigerlens.cli import main

sys.exit(main())
