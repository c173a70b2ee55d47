"""Debug logging that costs nothing until something has set logging up.

`logging` takes longer to import than a cached `aws-vault export` has to run, so modules on
that path log through this: the message goes to the standard logger only when `logging` is
already loaded (`--debug` loads it, and so do test runners).
"""

from __future__ import annotations

import sys


class LazyLogger:
    def __init__(self, name: str) -> None:
        self.name = name

    def debug(self, message: str, *args: object) -> None:
        logging = sys.modules.get("logging")
        if logging is not None:
            logging.getLogger(self.name).debug(message, *args)


def get_logger(name: str) -> LazyLogger:
    return LazyLogger(name)
