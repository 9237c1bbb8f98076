"""Browser mode: access control, and no app process outliving its browser or the server.

The server runs in a subprocess on a free loopback port (never beyond loopback); every test kills
what it started, server and apps, in a `finally`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import make_mocked_request

from drafter.errors import DrafterError, WorkspaceError
from drafter.serve import app_command, end_process_tree, serve
from drafter.serve_access import access_problem, is_loopback, required_token

POSIX = os.name == "posix"
SERVER_CODE = (
    "import sys; from pathlib import Path; from drafter.serve import serve; "
    "sys.exit(serve(Path(sys.argv[1]), port=0, token=sys.argv[2] or None))"
)


def app_pids(root: Path) -> set[int]:
    """Live (non-zombie) processes running drafter's app on `root`, found with `ps`."""
    out = subprocess.run(
        ["ps", "-ww", "-eo", "pid=,stat=,args="], capture_output=True, text=True
    ).stdout
    pids = set()
    for line in out.splitlines():
        pid, stat, args = line.strip().split(None, 2)
        if f"--workspace {root} tui" in args and not stat.startswith("Z"):
            pids.add(int(pid))
    return pids


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@contextlib.contextmanager
def running_server(root: Path, token: str = "") -> Iterator[tuple[subprocess.Popen, str]]:
    """Start `serve` on a free loopback port; yield the process and its base URL; kill all after."""
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER_CODE, str(root), token],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        base = None
        for raw in server.stdout:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", raw.decode("utf-8"))
            if found:
                base = f"http://127.0.0.1:{found.group(1)}"
                break
        assert base is not None, "the server printed no address"
        yield server, base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=8)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        server.stdout.close()
        for pid in app_pids(root):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)


async def open_app(base: str, hold: float, cookies: dict[str, str] | None = None) -> int:
    """Open the app's websocket as the page does, hold it `hold` seconds; return bytes received."""
    ws_url = base.replace("http://", "ws://") + "/ws?width=100&height=30"
    received = 0
    async with (
        aiohttp.ClientSession(cookies=cookies) as session,
        session.ws_connect(ws_url, headers={"Origin": base}) as websocket,
    ):
        await websocket.send_json(["resize", {"width": 100, "height": 30}])
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(hold):
                async for message in websocket:
                    if isinstance(message.data, bytes | str):
                        received += len(message.data)
    return received


async def get(url: str, **kwargs) -> tuple[int, str, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(url, **kwargs) as response:
        cookies = {k: v.value for k, v in response.cookies.items()}
        return response.status, await response.text(), cookies


# The access rules, request by request


def request(path: str = "/", host: str = "127.0.0.1:8000", **headers: str):
    return make_mocked_request("GET", path, headers={"Host": host, **headers})


def test_loopback_names():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]")
    assert is_loopback("localhost") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    assert not is_loopback("") and not is_loopback("drafter.example")


def test_a_token_is_required_beyond_loopback_only():
    assert required_token("127.0.0.1", None) is None
    assert required_token("localhost", None) is None
    assert required_token("127.0.0.1", "chosen") == "chosen"
    assert required_token("0.0.0.0", "chosen") == "chosen"
    generated = [required_token(host, None) for host in ("0.0.0.0", "::", "192.168.1.5")]
    assert all(t is not None and len(t) >= 32 for t in generated)
    assert len(set(generated)) == 3


def test_loopback_without_token_lets_local_pages_in():
    assert access_problem(request(), token=None, check_host=True) is None
    assert access_problem(request(Origin="http://127.0.0.1:8000"), None, True) is None


def test_loopback_refuses_other_host_names_and_other_sites():
    rebinding = access_problem(request(host="attacker.example:8000"), None, check_host=True)
    assert rebinding is not None and "本机" in rebinding
    cross_site = access_problem(request(Origin="http://attacker.example"), None, check_host=True)
    assert cross_site is not None and "其他网站" in cross_site
    for origin in ("null", "http://127.0.0.1:9999", "http://[bad"):
        assert access_problem(request(Origin=origin), None, check_host=True) is not None


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/?token=wrong"])
def test_token_is_required_on_every_path(path):
    reason = access_problem(request(path), token="right-token", check_host=False)
    assert reason is not None and "口令" in reason


def test_token_in_query_or_cookie_lets_in():
    assert access_problem(request("/?token=right-token"), "right-token", False) is None
    cookie = "drafter_token_8000=right-token"
    assert access_problem(request("/ws", Cookie=cookie), "right-token", False) is None
    wrong = "drafter_token_8000=other"
    assert access_problem(request("/ws", Cookie=wrong), "right-token", False) is not None


def test_app_command_runs_this_python_on_the_workspace(tmp_path):
    command = app_command(tmp_path)
    assert command[0] == sys.executable
    assert command[1:] == ["-m", "drafter", "--workspace", str(tmp_path), "tui"]


def test_serve_refuses_a_folder_that_is_no_workspace(tmp_path):
    with pytest.raises(WorkspaceError, match="drafter.toml"):
        serve(tmp_path, port=0)


@pytest.mark.parametrize("token", ["", "short"])
def test_serve_refuses_an_empty_or_short_token(sample_workspace, token):
    with pytest.raises(DrafterError, match="口令太短"):
        serve(sample_workspace, port=0, token=token)


@pytest.mark.skipif(not POSIX, reason="process groups are POSIX")
def test_end_process_tree_kills_an_app_deaf_to_sigterm_and_its_children():
    stubborn = (
        "import signal, subprocess, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        "print(child.pid, flush=True); time.sleep(60)"
    )

    async def scenario() -> tuple[int, int, float]:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", stubborn, stdout=asyncio.subprocess.PIPE, start_new_session=True
        )
        try:
            grandchild = int(await process.stdout.readline())
            started = time.monotonic()
            await end_process_tree(process)
            return process.pid, grandchild, time.monotonic() - started
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

    leader, grandchild, took = asyncio.run(scenario())
    assert took < 5

    def gone(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return (
            Path(f"/proc/{pid}/stat").is_file() and ") Z" in Path(f"/proc/{pid}/stat").read_text()
        )

    assert gone(leader)
    assert wait_until(lambda: gone(grandchild), 3)


# The real server, on loopback


@pytest.mark.skipif(not POSIX, reason="uses ps and process groups")
def test_page_loads_and_app_ends_with_its_browser(sample_workspace):
    with running_server(sample_workspace) as (_, base):
        status, page, _ = asyncio.run(get(base + "/"))
        assert status == 200
        assert f'data-session-websocket-url="{base.replace("http", "ws")}/ws"' in page
        assert "fonts.googleapis.com" not in page
        assert asyncio.run(open_app(base, hold=6)) > 1000  # the app painted its first screen
        assert wait_until(lambda: not app_pids(sample_workspace), 6)


@pytest.mark.skipif(not POSIX, reason="uses ps and process groups")
def test_token_is_checked_on_page_and_websocket(sample_workspace):
    with running_server(sample_workspace, token="s3cret-token") as (_, base):
        assert asyncio.run(get(base + "/"))[0] == 403
        status, page, _ = asyncio.run(get(base + "/?token=wrong"))
        assert status == 403 and "口令" in page
        status, _, cookies = asyncio.run(get(base + "/?token=s3cret-token"))
        assert status == 200 and "s3cret-token" in cookies.values()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(open_app(base, hold=0.1))
        assert refused.value.status == 403
        assert asyncio.run(open_app(base, hold=0.5, cookies=cookies)) >= 0


async def leave_during_startup(base: str, root: Path) -> None:
    """Open the app's websocket and close it as soon as the app process exists, still starting."""
    ws_url = base.replace("http://", "ws://") + "/ws?width=80&height=24"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(ws_url, headers={"Origin": base}) as websocket,
    ):
        async with asyncio.timeout(10):
            while not app_pids(root):
                await asyncio.sleep(0.02)
        await websocket.close()


@pytest.mark.skipif(not POSIX, reason="uses ps and process groups")
def test_app_left_during_startup_ends_while_server_runs(sample_workspace):
    with running_server(sample_workspace) as (server, base):
        asyncio.run(leave_during_startup(base, sample_workspace))
        assert wait_until(lambda: not app_pids(sample_workspace), 6), app_pids(sample_workspace)
        assert server.poll() is None


@pytest.mark.skipif(not POSIX, reason="uses ps and process groups")
def test_sigterm_right_after_a_disconnect_during_startup_leaves_no_app(sample_workspace):
    with running_server(sample_workspace) as (server, base):
        asyncio.run(leave_during_startup(base, sample_workspace))
        assert app_pids(sample_workspace), "the app process ended before the test could stop it"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        assert wait_until(lambda: not app_pids(sample_workspace), 3), app_pids(sample_workspace)
        assert server.returncode == 0


@pytest.mark.skipif(not POSIX, reason="uses ps and process groups")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", 1)])
def test_stopping_with_a_browser_still_open_leaves_no_app(sample_workspace, signum):
    async def scenario(server: subprocess.Popen, base: str) -> None:
        browser = asyncio.ensure_future(open_app(base, hold=30))
        async with asyncio.timeout(10):
            while not app_pids(sample_workspace):
                await asyncio.sleep(0.05)
        server.send_signal(signum)
        await browser  # the server closes the socket as it stops

    with running_server(sample_workspace) as (server, base):
        asyncio.run(scenario(server, base))
        server.wait(timeout=10)
        assert wait_until(lambda: not app_pids(sample_workspace), 3), app_pids(sample_workspace)
        assert server.returncode == 0
