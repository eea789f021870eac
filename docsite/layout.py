"""A small layered (Sugiyama-style) graph layout, left to right, in plain Python.

The steps are the classic ones, each a function:

1. `_acyclic`: reverse the back edges of a depth-first search (lineage has no cycles,
   but a layout must never loop if one slips in);
2. `_layers`: longest-path layering, then every node without inputs is pulled next to
   its nearest consumer, so a view's key entity does not sit far left of it;
3. `_split_long_edges`: a dummy node on every layer a long edge crosses, so ordering
   and routing see only edges between neighbouring layers;
4. `_order`: barycentric sweeps down and up, keeping the order with fewest crossings;
5. `_place`: x by layer; y by a few rounds of "centre on your neighbours" with a
   minimum gap, solved exactly as the mean of a push-down and a pull-up pass.

Everything is deterministic: ties keep the caller's node order, and coordinates are
rounded, so the same graph always gives the same picture.

    >>> lay = layered_layout(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "c")],
    ...                      {"a": (40, 20), "b": (40, 20), "c": (40, 20)})
    >>> [lay.boxes[n].layer for n in "abc"]
    [0, 1, 2]
"""
from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

LAYER_GAP = 64.0  # horizontal room between layers, where the edges curve
NODE_GAP = 10.0  # vertical room between two boxes of one layer
DUMMY_HEIGHT = 6.0  # a long edge passing through a layer still needs a lane
MARGIN = 8.0
SWEEPS = 8
PLACEMENT_ROUNDS = 6


@dataclass(frozen=True, slots=True)
class Box:
    """A node's rectangle: top-left corner, size, and its layer (0 = leftmost)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    layer: int


@dataclass(frozen=True, slots=True)
class Route:
    """An edge's polyline from the source's right side to the target's left side."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Layout:
    boxes: dict[str, Box]
    routes: tuple[Route, ...]
    width: float
    height: float


def layered_layout(nodes: Sequence[str], edges: Iterable[tuple[str, str]],
                   sizes: Mapping[str, tuple[float, float]]) -> Layout:
    """Boxes and edge routes for `nodes` (their order breaks ties) and `edges`.

    Each connected part is laid out on its own and the parts are stacked, so a small
    unrelated part never leaves a hole in a big one.
    """
    index = {n: i for i, n in enumerate(dict.fromkeys(nodes))}
    edge_list = sorted({(a, b) for a, b in edges if a in index and b in index and a != b},
                       key=lambda e: (index[e[0]], index[e[1]]))
    boxes: dict[str, Box] = {}
    routes: list[Route] = []
    width, top = 0.0, 0.0
    for part in _components(list(index), edge_list):
        members = set(part)
        lay = _layout_part(part, [e for e in edge_list if e[0] in members], sizes)
        shift = top + NODE_GAP - MARGIN if top else 0.0
        for n, b in lay.boxes.items():
            boxes[n] = Box(n, b.x, round(b.y + shift, 1), b.w, b.h, b.layer)
        routes += [Route(r.source, r.target, tuple((x, round(y + shift, 1)) for x, y in r.points))
                   for r in lay.routes]
        width, top = max(width, lay.width), lay.height + shift
    order = {e: i for i, e in enumerate(edge_list)}
    return Layout({n: boxes[n] for n in index}, tuple(sorted(routes, key=lambda r: order[(r.source, r.target)])),
                  round(width, 1), round(top, 1))


def _components(order: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Weakly connected parts, each in the caller's order, ordered by their first node."""
    parent = {n: n for n in order}
    rank = {n: i for i, n in enumerate(order)}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=rank.__getitem__)] = min(ra, rb, key=rank.__getitem__)
    parts: dict[str, list[str]] = {}
    for n in order:
        parts.setdefault(find(n), []).append(n)
    return list(parts.values())


def _layout_part(order: list[str], edge_list: list[tuple[str, str]],
                 sizes: Mapping[str, tuple[float, float]]) -> Layout:
    index = {n: i for i, n in enumerate(order)}
    forward, reversed_edges = _acyclic(order, edge_list, index)
    layer = _layers(order, forward)
    chains, layer = _split_long_edges(forward, layer)
    layers = _order(order, chains, layer)
    boxes, lanes = _place(layers, chains, sizes)
    routes = []
    for a, b in edge_list:
        key = (b, a) if (a, b) in reversed_edges else (a, b)
        points = _route(chains[key], boxes, lanes)
        if key != (a, b):
            points = tuple(reversed(points))
        routes.append(Route(a, b, points))
    real = {n: boxes[n] for n in order}
    width = max((b.x + b.w for b in boxes.values()), default=0.0) + MARGIN
    height = max((b.y + b.h for b in boxes.values()), default=0.0) + MARGIN
    return Layout(real, tuple(routes), round(width, 1), round(height, 1))


# -- 1. cycles ------------------------------------------------------------------------


def _acyclic(order: list[str], edges: list[tuple[str, str]], index: dict[str, int]
             ) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    """The edges with every depth-first back edge reversed, and which ones were."""
    succ: dict[str, list[str]] = {n: [] for n in order}
    for a, b in edges:
        succ[a].append(b)
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    back: set[tuple[str, str]] = set()
    for root in order:
        if root in state:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:  # iterative: a long chain must not hit Python's recursion limit
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(succ[nxt])))
    forward = sorted({(b, a) if (a, b) in back else (a, b) for a, b in edges},
                     key=lambda e: (index[e[0]], index[e[1]]))
    return forward, back


# -- 2. layers ------------------------------------------------------------------------


def _layers(order: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    preds: dict[str, list[str]] = {n: [] for n in order}
    succs: dict[str, list[str]] = {n: [] for n in order}
    for a, b in edges:
        preds[b].append(a)
        succs[a].append(b)
    layer: dict[str, int] = {}
    remaining = {n: len(preds[n]) for n in order}
    ready = [n for n in order if remaining[n] == 0]
    topo = []
    while ready:  # Kahn's algorithm in the caller's order: deterministic
        n = ready.pop(0)
        topo.append(n)
        layer[n] = max((layer[p] + 1 for p in preds[n]), default=0)
        for s in succs[n]:
            remaining[s] -= 1
            if remaining[s] == 0:
                ready.append(s)
    for n in reversed(topo):
        if not preds[n] and succs[n]:
            layer[n] = min(layer[s] for s in succs[n]) - 1
    return layer


# -- 3. dummies -----------------------------------------------------------------------


def _split_long_edges(edges: list[tuple[str, str]], layer: dict[str, int]
                      ) -> tuple[dict[tuple[str, str], list[str]], dict[str, int]]:
    """Each edge as the chain of nodes it passes, one per layer (dummies named `\\0a\\0b\\0k`)."""
    layer = dict(layer)
    chains: dict[tuple[str, str], list[str]] = {}
    for a, b in edges:
        chain = [a]
        for k in range(layer[a] + 1, layer[b]):
            dummy = f"\0{a}\0{b}\0{k}"
            layer[dummy] = k
            chain.append(dummy)
        chain.append(b)
        chains[(a, b)] = chain
    return chains, layer


# -- 4. ordering ----------------------------------------------------------------------


def _order(order: list[str], chains: dict[tuple[str, str], list[str]], layer: dict[str, int]
           ) -> list[list[str]]:
    count = max(layer.values(), default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(count)]
    seen = set()
    # Initial order: real nodes in the caller's order, each dummy right after its source.
    for n in order:
        layers[layer[n]].append(n)
        seen.add(n)
    for chain in chains.values():
        for d in chain[1:-1]:
            if d not in seen:
                layers[layer[d]].append(d)
                seen.add(d)
    up: dict[str, list[str]] = {n: [] for n in layer}
    down: dict[str, list[str]] = {n: [] for n in layer}
    for chain in chains.values():
        for a, b in zip(chain, chain[1:]):
            down[a].append(b)
            up[b].append(a)
    best = [list(lyr) for lyr in layers]
    best_crossings = _crossings(best, down)
    for sweep in range(SWEEPS):
        if sweep % 2 == 0:
            for i in range(1, count):
                layers[i] = _by_barycentre(layers[i], layers[i - 1], up)
        else:
            for i in range(count - 2, -1, -1):
                layers[i] = _by_barycentre(layers[i], layers[i + 1], down)
        crossings = _crossings(layers, down)
        if crossings < best_crossings:
            best, best_crossings = [list(lyr) for lyr in layers], crossings
        if best_crossings == 0:
            break
    return best


def _by_barycentre(nodes: list[str], fixed: list[str], neighbours: dict[str, list[str]]) -> list[str]:
    pos = {n: i for i, n in enumerate(fixed)}

    def key(item: tuple[int, str]) -> tuple[float, int]:
        i, n = item
        ps = [pos[m] for m in neighbours[n] if m in pos]
        # Scaled so a node without neighbours keeps roughly its relative place.
        centre = sum(ps) / len(ps) if ps else i * max(len(fixed), 1) / max(len(nodes), 1)
        return (centre, i)

    return [n for _, n in sorted(enumerate(nodes), key=key)]


def _crossings(layers: list[list[str]], down: dict[str, list[str]]) -> int:
    total = 0
    for upper, lower in zip(layers, layers[1:]):
        pos = {n: i for i, n in enumerate(lower)}
        pairs = sorted((i, pos[m]) for i, n in enumerate(upper) for m in down[n] if m in pos)
        seen: list[int] = []
        for _, p in pairs:  # inversions: earlier edges ending below this one
            total += len(seen) - bisect_right(seen, p)
            insort(seen, p)
    return total


# -- 5. coordinates -------------------------------------------------------------------


def _place(layers: list[list[str]], chains: dict[tuple[str, str], list[str]],
           sizes: Mapping[str, tuple[float, float]]
           ) -> tuple[dict[str, Box], dict[int, tuple[float, float]]]:
    def size(n: str) -> tuple[float, float]:
        return (0.0, DUMMY_HEIGHT) if n.startswith("\0") else sizes[n]

    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for chain in chains.values():
        for a, b in zip(chain, chain[1:]):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
    # x: each layer is as wide as its widest box; boxes are centred in their layer.
    lanes: dict[int, tuple[float, float]] = {}
    x = MARGIN
    for i, lyr in enumerate(layers):
        width = max((size(n)[0] for n in lyr), default=0.0)
        lanes[i] = (x, width)
        x += width + LAYER_GAP
    # y: centres, first stacked, then pulled towards neighbours.
    centre: dict[str, float] = {}
    for lyr in layers:
        y = 0.0
        for n in lyr:
            h = size(n)[1]
            centre[n] = y + h / 2
            y += h + NODE_GAP
    for _ in range(PLACEMENT_ROUNDS):
        for lyr in layers[1:]:
            _settle(lyr, up, centre, size)
        for lyr in reversed(layers[:-1]):
            _settle(lyr, down, centre, size)
    top = min((centre[n] - size(n)[1] / 2 for n in centre), default=0.0)
    boxes = {}
    for i, lyr in enumerate(layers):
        lane_x, lane_w = lanes[i]
        for n in lyr:
            w, h = size(n)
            boxes[n] = Box(n, round(lane_x + (lane_w - w) / 2, 1), round(centre[n] - h / 2 - top + MARGIN, 1),
                           w, h, i)
    return boxes, lanes


def _settle(layer: list[str], neighbours: dict[str, list[str]], centre: dict[str, float], size) -> None:
    """Move each node of `layer` towards the mean of its neighbours, keeping order and gaps."""
    if not layer:
        return
    want = [sum(centre[m] for m in neighbours.get(n, ())) / len(neighbours[n]) if neighbours.get(n)
            else centre[n] for n in layer]
    gaps = [(size(a)[1] + size(b)[1]) / 2 + NODE_GAP for a, b in zip(layer, layer[1:])]
    pushed = list(want)
    for k in range(1, len(layer)):
        pushed[k] = max(want[k], pushed[k - 1] + gaps[k - 1])
    pulled = list(want)
    for k in range(len(layer) - 2, -1, -1):
        pulled[k] = min(want[k], pulled[k + 1] - gaps[k])
    # Both satisfy every gap, so their mean does too, and it is not biased either way.
    for k, n in enumerate(layer):
        centre[n] = (pushed[k] + pulled[k]) / 2


def _route(chain: list[str], boxes: dict[str, Box], lanes: dict[int, tuple[float, float]]
           ) -> tuple[tuple[float, float], ...]:
    first, last = boxes[chain[0]], boxes[chain[-1]]
    points = [(first.x + first.w, first.y + first.h / 2)]
    for d in chain[1:-1]:  # straight through the layer a long edge crosses
        box = boxes[d]
        lane_x, lane_w = lanes[box.layer]
        mid = box.y + box.h / 2
        points.append((lane_x, mid))
        points.append((lane_x + lane_w, mid))
    points.append((last.x, last.y + last.h / 2))
    return tuple((round(px, 1), round(py, 1)) for px, py in points)
