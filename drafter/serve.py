"""Browser mode: drafter's TUI served to browsers with textual-serve.

textual-serve lets anyone in and never kills the apps it starts. Added here: an access token off
loopback (checked on every request, page and websocket alike), a guard against other web sites and
DNS rebinding on loopback, and each app in its own process group, ended when its browser leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from drafter import paths
from drafter.errors import DrafterError, WorkspaceError
from drafter.serve_access import TOKEN_PARAM, access_middleware, required_token

log = logging.getLogger("drafter.serve")

QUIT_GRACE = 2.0
"""Seconds an app gets to quit by itself once its browser has gone."""
KILL_GRACE = 1.5
"""Seconds between terminating an app's process group and killing it."""
MIN_TOKEN_LENGTH = 8
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
WINDOWS = sys.platform == "win32"

def app_command(workspace_root: Path) -> list[str]:
    """The command each browser's app process runs."""
    return [sys.executable, "-m", "drafter", "--workspace", str(workspace_root), "tui"]


def signal_tree(pid: int, force: bool) -> None:
    """Terminate (or kill, if `force`) the process group led by `pid`; gone already is fine."""
    if WINDOWS:
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(pid)], capture_output=True, check=False)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL if force else signal.SIGTERM)


async def end_process_tree(process: asyncio.subprocess.Process) -> None:
    """Terminate an app's process group, kill it if it has not ended within KILL_GRACE seconds."""
    if process.returncode is None:
        signal_tree(process.pid, force=False)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), KILL_GRACE)
    # On POSIX this also sweeps children left by a leader that quit; a Windows PID may be reused.
    if process.returncode is None or not WINDOWS:
        signal_tree(process.pid, force=True)
    await process.wait()


def _server_class() -> type:
    """textual-serve's classes adapted, imported only when serving (they bring aiohttp and rich)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import WSCloseCode, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    class AppProcess(AppService):
        """One browser's app: started without a shell in its own group, always ended by `stop`."""

        def __init__(self, argv: list[str], **kwargs: Any) -> None:
            super().__init__(shlex.join(argv), **kwargs)
            self.argv = argv
            self.process: asyncio.subprocess.Process | None = None
            self.stopping = False
            self.ended = asyncio.Event()

        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            pipe, env = asyncio.subprocess.PIPE, self._build_environment(width, height)
            # A process group of its own: ended as a whole, untouched by the console's Ctrl+C.
            own_group: dict[str, Any] = (
                {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
                if WINDOWS
                else {"start_new_session": True}
            )
            self.process = self._process = await asyncio.create_subprocess_exec(
                *self.argv, stdin=pipe, stdout=pipe, stderr=pipe, env=env, **own_group
            )
            self._stdin = self._process.stdin
            return self._process

        async def stop(self) -> None:
            """Ask the app to quit; end its process group if it has not within QUIT_GRACE."""
            if self.stopping:
                await self.ended.wait()
                return
            self.stopping = True
            try:
                task, self._task = self._task, None
                if task is not None:
                    await self._download_manager.cancel_app_downloads(self.app_service_id)
                    await self.send_meta({"type": "quit"})
                    await asyncio.wait({task}, timeout=QUIT_GRACE)
                if self.process is not None:
                    await end_process_tree(self.process)
                if task is not None:
                    # A grandchild that left the group may still hold the app's stdout open.
                    await asyncio.wait({task}, timeout=KILL_GRACE)
                    task.cancel()
                    await task
            finally:
                self.ended.set()

    class DrafterServer(Server):
        """textual-serve's Server with access control and app processes that always end."""

        def __init__(self, argv: list[str], token: str | None, check_host: bool) -> None:
            super().__init__(shlex.join(argv), title="drafter 法治政府建设年度报告起草")
            self.argv = argv
            self.token = token
            self.check_host = check_host
            self.closing = False
            self.apps: set[Any] = set()
            self.sockets: set[web.WebSocketResponse] = set()

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(access_middleware(self.token, self.check_host))
            page = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
            # The stock page waits on fonts.googleapis.com, which offices in China often cannot reach.
            page = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", "", page, flags=re.S)
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}))
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Say nothing here: `serve` prints the address once the port is known."""

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            """The page, pointing at this request's own host (the bind address may be 0.0.0.0)."""
            scheme = "wss" if request.secure else "ws"
            return {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """One browser, one app process; the process ends when the socket does."""
            websocket = web.WebSocketResponse(heartbeat=15, timeout=KILL_GRACE)
            if self.closing:
                return web.Response(status=503, text="服务正在关闭。")
            await websocket.prepare(request)
            self.sockets.add(websocket)
            leaving = [asyncio.ensure_future(a.ended.wait()) for a in self.apps if a.stopping]
            if leaving:  # a reloaded page: let the old app release the workspace first
                await asyncio.wait(leaving, timeout=QUIT_GRACE + 2 * KILL_GRACE)
                for waiter in leaving:
                    waiter.cancel()
            app_service = AppProcess(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.apps.add(app_service)
            try:
                width = to_int(request.query.get("width", "80"), 80)
                height = to_int(request.query.get("height", "24"), 24)
                await app_service.start(width, height)
                if self.closing:
                    return websocket
                await self._process_messages(websocket, app_service)
            except OSError as exc:
                log.error("无法启动 drafter 界面进程：%s", exc)
            except asyncio.CancelledError:
                await websocket.close()
            finally:
                self.sockets.discard(websocket)
                await asyncio.shield(app_service.stop())
                self.apps.discard(app_service)
            return websocket

        async def close_all(self) -> None:
            """Close every browser's socket, then wait for (or force) the end of every app."""
            self.closing = True
            bye = {"code": WSCloseCode.GOING_AWAY, "message": "服务已停止".encode()}
            await asyncio.gather(
                *(a.stop() for a in list(self.apps)), *(w.close(**bye) for w in list(self.sockets))
            )

    return DrafterServer


def _print_banner(workspace_root: Path, host: str, port: int, token: str | None) -> None:
    query = f"/?{TOKEN_PARAM}={quote(token, safe='')}" if token else "/"
    shown = f"[{host}]" if ":" in host else host
    lines = [f"drafter 浏览器模式已启动，工作区：{workspace_root}"]
    if host in WILDCARD_HOSTS:
        lines.append(f"本机请打开：http://127.0.0.1:{port}{query}")
        shown = f"<本机 IP 地址，本机名 {socket.gethostname()}>"
    lines.append(f"请在浏览器中打开：http://{shown}:{port}{query}")
    if token:
        lines.append(f"访问口令：{token}（无口令的访问一律拒绝；连接未加密，只应在单位内网使用）")
    lines.append("每个浏览器窗口各开一个 drafter，同一工作区同时只能一人编辑。按 Ctrl+C 停止服务。")
    print("\n".join(lines), flush=True)


async def _run(root: Path, host: str, port: int, token: str | None) -> None:
    from aiohttp import web

    server = _server_class()(app_command(root), token, check_host=token is None)
    runner = web.AppRunner(await server._make_app(), access_log=None, shutdown_timeout=KILL_GRACE)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise DrafterError(
            f"无法在 {host}:{port} 上提供服务（{exc.strerror}）：请用 --port 换一个端口，或关闭占用该端口的程序。"
        ) from exc
    stopped = asyncio.Event()
    # SIGHUP: the terminal running the server was closed. Windows has no loop signal handlers:
    # there asyncio.run turns Ctrl+C into cancelling this task, which runs the same `finally`.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            asyncio.get_running_loop().add_signal_handler(getattr(signal, name), stopped.set)
    try:
        _print_banner(root, host, runner.addresses[0][1], token)
        await stopped.wait()
    finally:
        print("正在停止服务……", flush=True)
        await asyncio.shield(server.close_all())
        await runner.cleanup()
        for app_service in server.apps:  # only if a handler outlived the runner's cleanup
            if app_service.process is not None and app_service.process.returncode is None:
                signal_tree(app_service.process.pid, force=True)


def serve(
    workspace_root: Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None
) -> int:
    """Serve drafter's TUI to browsers until SIGINT/SIGTERM; return the exit status.

    Listening beyond loopback requires an access token: `token`, or a fresh one printed at start.
    An explicit token is required on loopback too.

    Raises:
        WorkspaceError: `workspace_root` is not a drafter workspace.
        DrafterError: the token is shorter than MIN_TOKEN_LENGTH, or the address cannot be used.
    """
    if not paths.config_file(workspace_root).is_file():
        raise WorkspaceError(
            f"{workspace_root} 不是 drafter 工作区（缺少 {paths.CONFIG_NAME}）：请用 --workspace 指定工作区，或先运行 drafter init。"
        )
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise DrafterError(
            f"访问口令太短（至少 {MIN_TOKEN_LENGTH} 个字符）：请换一个更长的口令，或不给 --token 由 drafter 生成。"
        )
    token = required_token(host, token)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(workspace_root, host, port, token))
    print("服务已停止。", flush=True)
    return 0
