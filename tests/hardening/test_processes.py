"""Child processes die with normcheck: workers and converters (with everything they started) are gone
once normcheck is killed or a time limit fires; --max-memory binds every --jobs alike."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ooxml import build_ole2

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process tests use /proc")

ROOT = Path(__file__).resolve().parents[2]

FAKE_SOFFICE = """#!/bin/sh
echo $$ >> "$NORMCHECK_TEST_PIDS"
sleep 300 &
echo $! >> "$NORMCHECK_TEST_PIDS"
wait
"""

SLOW_WORKERS = """
import os, sys, time
from pathlib import Path
import normcheck.reader
from normcheck import runner

def slow(path, *, max_unzipped_bytes=None):
    Path(sys.argv[1], f"worker-{os.getpid()}").write_text("")
    time.sleep(300)

normcheck.reader.read_path = slow
runner.run([Path("a.txt"), Path("b.txt")], runner.SelectedRules(None), jobs=2, timeout=None)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_for(condition, seconds: float = 30) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _reap(pids: list[int]) -> None:
    """Kill what a failed test left behind (only the processes it recorded)."""
    for pid in pids:
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _pids(path: Path) -> list[int]:
    try:
        return [int(line) for line in path.read_text().split()]
    except (OSError, ValueError):
        return []


def test_workers_die_when_the_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", SLOW_WORKERS, str(tmp_path)], cwd=tmp_path)
    try:
        assert _wait_for(lambda: len(list(tmp_path.glob("worker-*"))) == 2)
        workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
        assert all(_alive(pid) for pid in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 10)
    finally:
        parent.kill()
        _reap([int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")])


@pytest.fixture()
def fake_converter(tmp_path: Path) -> tuple[dict[str, str], Path]:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    pids = tmp_path / "pids"
    env = {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "NORMCHECK_TEST_PIDS": str(pids),
           "NORMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    return env, pids


def test_timeout_kills_the_converter_and_its_children(tmp_path: Path, fake_converter) -> None:  # type: ignore[no-untyped-def]
    env, pids = fake_converter
    legacy = build_ole2(tmp_path / "old.doc", ["WordDocument"])
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "normcheck", str(legacy), "--timeout", "3", "--format", "json"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and '"timeout"' in done.stdout, done.stderr
    assert time.monotonic() - started < 60
    started_pids = _pids(pids)
    assert len(started_pids) == 2
    try:
        assert _wait_for(lambda: not any(_alive(pid) for pid in started_pids), 10)
    finally:
        _reap(started_pids)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_converter_dies_when_normcheck_is_killed(tmp_path: Path, fake_converter, jobs: str) -> None:  # type: ignore[no-untyped-def]
    env, pids = fake_converter
    legacy = [build_ole2(tmp_path / f"old{n}.doc", ["WordDocument"]) for n in range(2)]
    proc = subprocess.Popen([sys.executable, "-m", "normcheck", *map(str, legacy), "--jobs", jobs,
                             "--no-cache"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: len(_pids(pids)) >= 2)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        started_pids = _pids(pids)
        assert _wait_for(lambda: not any(_alive(pid) for pid in _pids(pids)), 15), started_pids
    finally:
        proc.kill()
        _reap(_pids(pids))


def _hog(path: Path, *, max_unzipped_bytes: int | None = None) -> object:
    return bytearray(8 << 30)  # 8 GB: more than any limit below


def _vm_megabytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmSize")


def test_memory_limit_binds_one_job_and_workers_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import normcheck.reader
    from normcheck import runner

    monkeypatch.setattr(normcheck.reader, "read_path", _hog)
    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("第一条 内容。\n", encoding="utf-8")
        paths.append(tmp_path / name)
    limit = _vm_megabytes() + 1024
    outcomes = {}
    for jobs in (1, 2):
        results = runner.run(paths, runner.SelectedRules(None), jobs=jobs, max_memory=limit).results
        outcomes[jobs] = [(Path(r.path).name, r.error.code if r.error else None) for r in results]
    assert outcomes[1] == outcomes[2] == [("a.txt", "out-of-memory"), ("b.txt", "out-of-memory")]
    single = runner.run(paths[:1], runner.SelectedRules(None), jobs=4, max_memory=limit).results
    assert single[0].error is not None and single[0].error.code == "out-of-memory"
