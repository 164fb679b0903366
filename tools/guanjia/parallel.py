"""Two pure computations side by side, on a machine with two or more cores.

The second runs in a forked child process: it sees the parent's memory as it is (nothing is
copied ahead) and sends its result back pickled. Where fork is missing (Windows) or unsafe
(other threads running, as under ``mkdocs serve``), on one core, or if the child fails, both
simply run here, one after the other: the result is the same either way.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def side_by_side(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    if not hasattr(os, "fork") or _cores() < 2 or threading.active_count() > 1:
        return here(), there()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
        os.close(read)
        code = 1
        try:
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        first = here()
    finally:
        with os.fdopen(read, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return first, there()
    return first, pickle.loads(sent)
