"""Child processes that die with their parent, process groups that die together, and the memory guard.

A worker or converter must not outlive normcheck: a CI job that is cancelled, the out-of-memory killer or
``kill -9`` ends the parent without any chance to clean up, so on Linux every child asks the kernel to kill
it when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``, set in the child itself) and checks that
the parent has not already gone in between. A converter runs in a process group of its own, and any way
out of waiting for it — its own time limit, ``--timeout`` firing, an interrupt — kills the whole group.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> bool:
    """Have the kernel kill this process when its parent exits (Linux); exits at once if the parent
    ``parent`` is already gone. Returns False where the platform has no such request."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the request was in place: nobody is waiting for us
    return armed


# Leads the converter's process group: starts the command, and kills the whole group as soon as its
# standard input reaches end of file, which happens when normcheck exits or is killed (the kernel closes
# the other end of the pipe), and on SIGTERM (its PDEATHSIG on Linux).
_WATCHDOG = r"""
import os, signal, subprocess, sys, threading
def stop(*_):
    os.killpg(0, signal.SIGKILL)
signal.signal(signal.SIGTERM, stop)
try:
    import ctypes
    ctypes.CDLL(None).prctl(1, int(signal.SIGTERM), 0, 0, 0)
except Exception:
    pass
if os.getppid() != int(sys.argv[1]):
    stop()
child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL)
def watch():
    while os.read(0, 512):
        pass
    stop()
threading.Thread(target=watch, daemon=True).start()
sys.exit(child.wait())
"""


def spawn_group(command: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    """Start ``command`` in a new process group led by a watchdog, so that the whole group dies with this
    process however it ends (a portable pipe, plus PDEATHSIG on Linux). ``kill_group`` stops it early."""
    kwargs = {key: value for key, value in kwargs.items() if key != "stdin"}
    return subprocess.Popen([sys.executable, "-I", "-c", _WATCHDOG, str(os.getpid()), *command],
                            stdin=subprocess.PIPE, start_new_session=True, close_fds=True,
                            **kwargs)  # type: ignore[call-overload,no-any-return]


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc`` and every process of its group, then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(OSError):
            proc.kill()
    with contextlib.suppress(Exception):
        proc.wait(timeout=10)
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()


def limit_memory(megabytes: int) -> bool:
    """Cap this process's address space (``RLIMIT_AS``) at ``megabytes``, so that an allocation beyond it
    raises ``MemoryError`` instead of waking the system's out-of-memory killer. Never raises the limit
    above one already set; returns False where the platform has no such limit."""
    try:
        import resource
    except ImportError:
        return False
    wanted = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    for current in (soft, hard):
        if current != resource.RLIM_INFINITY:
            wanted = min(wanted, current)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    return True


@contextlib.contextmanager
def memory_limit(megabytes: int | None) -> Iterator[None]:
    """``limit_memory`` for the duration of the block, then the previous soft limit again (the hard limit
    is never touched, so the soft one can always be restored)."""
    if not megabytes:
        yield
        return
    try:
        import resource
    except ImportError:
        yield
        return
    previous = resource.getrlimit(resource.RLIMIT_AS)
    limit_memory(megabytes)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, previous)
