"""Small inline SVG charts, drawn on the server: no chart library, no script needed to see
them, and nothing to download. Only numbers go into coordinates; every label is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 520, 140, 24


def _x(i: int, n: int) -> float:
    return PAD + (WIDTH - 2 * PAD) * (i / max(1, n - 1))


def _y(value: float, top: float) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value / top if top else 0.0)


def _frame(title: str, top_label: str, first: str, last: str, body: str) -> Markup:
    # Safe: coordinates are numbers we computed, and every text is escaped above.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" '
        f'y2="{HEIGHT - PAD}"/>'
        f'<text class="tick" x="2" y="{PAD - 8}">{escape(top_label)}</text>'
        f'<text class="tick" x="{PAD}" y="{HEIGHT - 6}">{escape(first)}</text>'
        f'<text class="tick end" x="{WIDTH - PAD}" y="{HEIGHT - 6}">{escape(last)}</text>'
        f"{body}</svg>"
    )


def bar_chart(title: str, values: Sequence[int], first: str, last: str) -> Markup:
    top = max(values, default=0) or 1
    n = max(1, len(values))
    width = (WIDTH - 2 * PAD) / n
    bars = "".join(
        f'<rect class="bar" x="{PAD + i * width:.1f}" y="{_y(v, top):.1f}" '
        f'width="{max(1.0, width - 1):.1f}" height="{HEIGHT - PAD - _y(v, top):.1f}">'
        f"<title>{v}</title></rect>"
        for i, v in enumerate(values)
    )
    return _frame(title, f"{top:,}", first, last, bars)


def line_chart(
    title: str, values: Sequence[float | None], first: str, last: str, top: float = 1.0,
    percent: bool = True,
) -> Markup:  # fmt: skip
    """A line over the buckets that have a value (gaps where there is none)."""
    n = len(values)
    segments: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
            continue
        segments[-1].append(f"{_x(i, n):.1f},{_y(v, top):.1f}")
    lines = "".join(
        f'<polyline class="line" points="{" ".join(points)}"/>'
        if len(points) > 1
        else f'<circle class="dot" cx="{points[0].split(",")[0]}" '
        f'cy="{points[0].split(",")[1]}" r="2.5"/>'
        for points in segments
        if points
    )
    label = f"{top:.0%}" if percent else f"{top:g}"
    return _frame(title, label, first, last, lines)
