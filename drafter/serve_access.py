"""Who may use `drafter serve`: an access token off loopback, and loopback Host/Origin checks.

Checked on every request, the page and the websocket alike; textual-serve itself lets anyone in.
"""

from __future__ import annotations

import ipaddress
import secrets
from typing import Any

TOKEN_PARAM = "token"

REFUSED_PAGE = (
    '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><h1>拒绝访问</h1><p>{reason}</p>'
)


def is_loopback(host: str) -> bool:
    """Whether `host` (a bind address or a Host header's name) names this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def required_token(host: str, token: str | None) -> str | None:
    """The token to demand: `token` if given, a fresh one when listening beyond loopback, else None."""
    return token if token is not None or is_loopback(host) else secrets.token_urlsafe(24)


def _cookie_name(request: Any) -> str:
    return f"drafter_token_{request.url.port}"


def access_problem(request: Any, token: str | None, check_host: bool) -> str | None:
    """Why an aiohttp `request` must be refused, as one Chinese sentence, or None.

    `token`, unless None, must come as `?token=` or as the cookie set by the first page load;
    `check_host` refuses Host names other than loopback ones (DNS rebinding).
    """
    from yarl import URL

    if check_host and not is_loopback(request.url.host or ""):
        return "此服务只接受本机访问：请在本机浏览器中打开 http://127.0.0.1 开头的网址。"
    origin = request.headers.get("Origin")
    if origin is not None:
        try:
            source = URL(origin)
        except ValueError:
            source = URL()
        if (source.host, source.port) != (request.url.host, request.url.port):
            return "拒绝来自其他网站的连接：请直接在浏览器地址栏中打开 drafter 的网址。"
    if token is not None:
        given = request.query.get(TOKEN_PARAM) or request.cookies.get(_cookie_name(request)) or ""
        if not secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            return "访问口令缺失或不正确：请使用启动 drafter serve 时显示的完整网址（含 ?token=…）打开。"
    return None


def access_middleware(token: str | None, check_host: bool) -> Any:
    """An aiohttp middleware refusing with 403 what `access_problem` refuses."""
    from aiohttp import web

    @web.middleware
    async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
        reason = access_problem(request, token, check_host)
        if reason is not None:
            page = REFUSED_PAGE.format(reason=reason)
            return web.Response(status=403, text=page, content_type="text/html")
        response = await handler(request)
        if token is not None and TOKEN_PARAM in request.query and not response.prepared:
            name = _cookie_name(request)
            response.set_cookie(name, token, httponly=True, samesite="Strict", path="/")
        return response

    return guard
