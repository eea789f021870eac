"""A lineage graph drawn as a self-contained SVG: boxes, cubic edges, a legend.

Colours are presentation attributes, not CSS classes, so the same SVG looks right
inline in an HTML page and as an image file beside Markdown. Every box links to its
page (`href` decides the link) and carries its description as a tooltip.
"""
from __future__ import annotations

from html import escape
from typing import Callable

from .layout import Layout, layered_layout
from .lineage import KIND_LABELS, KINDS, Graph, Node

FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace"
FONT_SIZE = 12
CHAR_WIDTH = 7.3  # a 12px monospace glyph; labels are monospace so boxes fit their text
MAX_LABEL = 56
BOX_HEIGHT = 26.0
LEGEND_HEIGHT = 26.0

# kind -> (fill, stroke, text): readable on light and dark pages alike.
COLOURS = {
    "rows": ("#eef2f7", "#7b8794", "#1f2933"),
    "column": ("#e3f0ff", "#3a78c2", "#102a43"),
    "rollup": ("#e0f7f4", "#2c9c8c", "#0b3d36"),
    "mapped": ("#fff8c5", "#9a6700", "#3b2300"),
    "mapping": ("#ffe4f0", "#bf3989", "#3d0a24"),
    "entity": ("#f3e8ff", "#8a4fd1", "#2e1065"),
    "metric": ("#fff4e0", "#d9822b", "#3d2200"),
    "derived": ("#ffe8e8", "#c94f4f", "#3d0b0b"),
    "view": ("#e6f6e6", "#3f9142", "#0f2e10"),
    "other": ("#f0f0f0", "#888888", "#222222"),
}


def _label(node: Node) -> str:
    text = node.label
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "\u2026"


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_svg(graph: Graph, focus: set[str], href: Callable[[Node], str | None], title: str) -> str:
    """The graph as `<svg>` markup; `focus` nodes are drawn bold."""
    ids = graph.ordered_ids()
    sizes = {n: (round(len(_label(graph.nodes[n])) * CHAR_WIDTH + 20, 1), BOX_HEIGHT) for n in ids}
    layout = layered_layout(ids, graph.edges, sizes)
    kinds = [k for k in KINDS if any(n.kind == k for n in graph.nodes.values())]
    legend_width = sum(len(KIND_LABELS[k]) * CHAR_WIDTH + 34 for k in kinds) + 8
    width = max(layout.width, legend_width)
    height = layout.height + LEGEND_HEIGHT
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage" role="img" '
        f'width="{_fmt(width)}" height="{_fmt(height)}" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'font-family="{escape(FONT)}" font-size="{FONT_SIZE}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="sv-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#8792a2"/></marker></defs>',
    ]
    out.append(_legend(kinds))
    out.append(f'<g transform="translate(0,{_fmt(LEGEND_HEIGHT)})">')
    out.append(_edges(layout))
    for n in ids:
        out.append(_node(graph.nodes[n], layout, n in focus, href(graph.nodes[n])))
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _legend(kinds: list[str]) -> str:
    parts = ['<g class="legend">']
    x = 8.0
    for k in kinds:
        fill, stroke, _ = COLOURS[k]
        parts.append(f'<rect x="{_fmt(x)}" y="6" width="14" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>')
        parts.append(f'<text x="{_fmt(x + 20)}" y="17" fill="#52606d">{escape(KIND_LABELS[k])}</text>')
        x += len(KIND_LABELS[k]) * CHAR_WIDTH + 34
    parts.append("</g>")
    return "".join(parts)


def _edges(layout: Layout) -> str:
    parts = ['<g class="edges" fill="none" stroke="#8792a2" stroke-width="1.3">']
    for route in layout.routes:
        pts = route.points
        d = [f"M{_fmt(pts[0][0])},{_fmt(pts[0][1])}"]
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if y1 == y2:
                d.append(f"L{_fmt(x2)},{_fmt(y2)}")
            else:
                mid = (x2 - x1) / 2
                d.append(f"C{_fmt(x1 + mid)},{_fmt(y1)} {_fmt(x2 - mid)},{_fmt(y2)} {_fmt(x2)},{_fmt(y2)}")
        parts.append(f'<path class="edge" data-from="{escape(route.source)}" data-to="{escape(route.target)}" '
                     f'd="{"".join(d)}" marker-end="url(#sv-arrow)"/>')
    parts.append("</g>")
    return "\n".join(parts)


def _node(node: Node, layout: Layout, focused: bool, link: str | None) -> str:
    box = layout.boxes[node.id]
    fill, stroke, ink = COLOURS.get(node.kind, COLOURS["other"])
    tip = KIND_LABELS.get(node.kind, node.kind) + f": {node.label}" + (f"\n{node.title}" if node.title else "")
    weight = ' font-weight="bold"' if focused else ""
    shape = (f'<rect x="{_fmt(box.x)}" y="{_fmt(box.y)}" width="{_fmt(box.w)}" height="{_fmt(box.h)}" rx="5" '
             f'fill="{fill}" stroke="{stroke}" stroke-width="{2.5 if focused else 1.2}"/>'
             f'<text x="{_fmt(box.x + box.w / 2)}" y="{_fmt(box.y + box.h / 2 + 4)}" text-anchor="middle" '
             f'fill="{ink}"{weight}>{escape(_label(node))}</text>')
    body = f"<title>{escape(tip)}</title>{shape}"
    if link:
        body = f'<a href="{escape(link)}">{body}</a>'
    cls = "node focus" if focused else "node"
    return f'<g class="{cls}" data-kind="{escape(node.kind)}" data-id="{escape(node.id)}">{body}</g>'
