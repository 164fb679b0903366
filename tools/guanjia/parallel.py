"""Two pure computations side by side, on a Linux machine with two or more cores.

The second runs in a forked child process: it sees the parent's memory as it is (nothing is
copied ahead) and sends its result back pickled. Where fork is missing or unsafe (not Linux,
or other threads running, as under ``mkdocs serve``), on one core, or when the fork or the
child fails, both simply run here, one after the other: the result is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def available() -> bool:
    """Whether a second process would help and is safe to fork now."""
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # every thread, also those not started by ``threading``
    except OSError:  # pragma: no cover - /proc not mounted
        return False


def side_by_side(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    if not available():
        return here(), there()
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or too many processes: do it all here
        os.close(read)
        os.close(write)
        return here(), there()
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
        os.close(read)
        try:
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)
    os.close(write)
    try:
        first = here()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        with os.fdopen(read, "rb") as pipe:
            sent = pipe.read()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # already reaped (SIGCHLD ignored by whoever started us)
            pass
    try:  # a child that failed sent nothing or a cut-off pickle: either fails to load
        return first, pickle.loads(sent)
    except Exception:
        return first, there()
