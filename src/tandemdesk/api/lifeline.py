"""Workers of ``serve --workers N`` die with their master.

Why: uvicorn's master only stops its workers when it is itself stopped with a signal it can
catch. Killed with ``kill -9`` (the OOM killer, a container runtime's hard stop), it leaves
them orphaned: they hold the listening socket and go on serving, and the next ``serve`` fails
with "address already in use".

How, on two levels:
1. Linux: ``prctl(PR_SET_PDEATHSIG, SIGTERM)`` — the kernel sends the worker SIGTERM the
   moment its parent dies, with no polling window in which a restarted server could find the
   port still taken. SIGTERM (not SIGKILL) lets uvicorn shut down gracefully: it closes the
   listening socket first, then lets the batch in hand finish (anything cut short stays
   ``pending`` and is recovered, see ``recovery.py``). The master spawns its workers from its
   main thread, which lives as long as the master, so the "parent thread exited" caveat of
   PDEATHSIG does not fire early. The death may come before the call: checked right after.
2. Everywhere (and as a deadline on Linux): a watcher thread polls the parent pid; when the
   parent is gone it sends SIGTERM itself (where PDEATHSIG is unavailable) and, if a
   graceful shutdown still has not ended the process after ``GRACE_SECONDS``, exits hard.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

from fastapi import FastAPI

MASTER_ENV = "TANDEMDESK_SERVE_MASTER_PID"  # set by ``serve`` before it starts the workers
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
GRACE_SECONDS = 20.0
POLL_SECONDS = 0.5

log = logging.getLogger(__name__)


def _arm_pdeathsig() -> bool:
    """Ask the kernel for SIGTERM when the parent dies; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(master_pid: int, armed: bool) -> None:
    while os.getppid() == master_pid:
        time.sleep(POLL_SECONDS)
    if not armed:
        os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_SECONDS)
    log.error("the serve master is gone and the graceful shutdown did not end; exiting")
    os._exit(70)


def die_with_parent(master_pid: int) -> bool:
    """Make this worker stop when ``master_pid`` (its parent) dies; True if the kernel
    enforces it (PDEATHSIG), False if only the watcher thread does."""
    armed = _arm_pdeathsig()
    if os.getppid() != master_pid:  # died before the call: nobody will signal us
        armed = False
    threading.Thread(target=_watch, args=(master_pid, armed), name="lifeline", daemon=True).start()
    return armed


def worker_app() -> FastAPI:
    """The app factory ``serve --workers N`` gives uvicorn: tie this worker to its master,
    then build the app as ``app_from_environment`` does."""
    from tandemdesk.api.app import app_from_environment

    master = os.environ.get(MASTER_ENV)
    if master and master.isdigit():
        die_with_parent(int(master))
    return app_from_environment()
