"""``python -m nigerlens`` is the ``nigerlens`` command."""

import sys

from .cli import main

sys.exit(main())
