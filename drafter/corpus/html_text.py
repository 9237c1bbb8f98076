"""The article text of a saved web page, without menus, banners and link lists (standard library only)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source",
    "track", "wbr",
}  # fmt: skip
_DROP = {
    "script", "style", "nav", "aside", "noscript", "iframe", "form", "select", "button", "template",
    "svg", "head", "object", "canvas", "menu", "textarea",
}  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "table", "tbody", "thead", "tr", "blockquote", "pre", "dd", "dt", "dl", "center", "header",
    "footer", "address", "figure", "figcaption", "body", "html", "caption",
}  # fmt: skip
_CELL = {"td", "th"}
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|footer|foot|header|head|top|topbar|"
    r"sidebar|side|copyright|related|xgxx|xgwz|xglj|toolbar|location|position|dqwz|print|fontsize|"
    r"banner|login|search)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MAX_DEPTH = 200


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)
    total: int = 0
    """Characters of visible text below (set by `_measure`)."""
    linked: int = 0
    """How many of them sit inside links."""
    heading: bool = False
    """An h1 or h2 is below."""


class _TreeBuilder(HTMLParser):
    """Builds a forgiving element tree: stray end tags are ignored, nesting is capped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack: list[_Node] = [self.root]
        self.title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack[-1].tag == "p" and (tag in _BLOCK or tag == "p"):
            self.stack.pop()
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "title":
            self.title_parts.append(data)
        self.stack[-1].children.append(data)


def _measure(root: _Node) -> None:
    """Fill `total`, `linked` and `heading` of every node in one bottom-up pass."""
    order: list[_Node] = []
    pending = [root]
    while pending:
        node = pending.pop()
        order.append(node)
        pending.extend(c for c in node.children if isinstance(c, _Node) and c.tag not in _DROP)
    for node in reversed(order):
        in_link = node.tag == "a"
        for child in node.children:
            if isinstance(child, str):
                size = len(child.strip())
                node.total += size
                node.linked += size if in_link else 0
            elif child.tag not in _DROP:
                node.total += child.total
                node.linked += child.total if in_link else child.linked
                node.heading = node.heading or child.heading or child.tag in ("h1", "h2")


def _is_furniture(node: _Node) -> bool:
    if node.tag in _DROP:
        return True
    attrs = " ".join((node.attrs.get("class", ""), node.attrs.get("id", "")))
    marked = node.tag in ("header", "footer") or bool(_FURNITURE_ATTR.search(attrs))
    if node.tag not in _BLOCK and node.tag not in _CELL and not marked:
        return False
    if node.total and node.linked / node.total > 0.5 and node.tag not in ("body", "html"):
        return True
    return marked and node.total < 300 and not node.heading


def _render(root: _Node) -> str:
    out: list[str] = []
    pending: list[_Node | str] = [root]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            out.append(re.sub(r"[ \t\r\n\f]+", " ", item))
            continue
        if _is_furniture(item):
            continue
        if item.tag == "br":
            out.append("\n")
        elif item.tag in _BLOCK:
            out.append("\n")
            pending.append("\n")
        elif item.tag in _CELL:
            out.append("\t")
        pending.extend(reversed(item.children))
    text = "".join(out)
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip())


def html_to_text(markup: str) -> str:
    """The article of an HTML page as lines of text, one block (paragraph, heading, row) a line.

    Navigation, headers, footers, scripts, side bars and link-dense blocks are dropped; when the
    page title is not repeated in the body it is put on the first line.
    """
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    _measure(builder.root)
    text = _render(builder.root)
    title = re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", " ".join(builder.title_parts).strip())[0]
    title = re.sub(r"\s+", " ", title).strip()
    if title and title not in text and re.search(r"报告|情况", title):
        text = f"{title}\n{text}"
    return text
