"""Charts of the topics page, drawn like ``web/charts.py`` (inline SVG, no script, nothing
downloaded): volume per topic as labelled horizontal bars, and a sparkline per topic."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, ROW, LABEL = 520, 18, 200
SPARK_W, SPARK_H = 120, 22


def topic_bars(title: str, labels: Sequence[str], values: Sequence[int]) -> Markup:
    """One bar per topic, longest first as given; the label left, the count at the end."""
    top = max(values, default=0) or 1
    height = ROW * len(values) + 8
    span = WIDTH - LABEL - 50
    rows = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 4 + i * ROW
        width = max(1.0, span * value / top)
        short = label if len(label) <= 30 else label[:29] + "…"
        rows.append(
            f'<text class="tick" x="{LABEL - 6}" y="{y + 12}" text-anchor="end">{escape(short)}'
            f"<title>{escape(label)}</title></text>"
            f'<rect class="bar" x="{LABEL}" y="{y + 2}" width="{width:.1f}" height="{ROW - 5}">'
            f"<title>{escape(label)}: {value}</title></rect>"
            f'<text class="tick" x="{LABEL + width + 4:.1f}" y="{y + 12}">{value:,}</text>'
        )
    # Safe: coordinates are numbers we computed, and every text is escaped above.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(rows)}</svg>'
    )


def sparkline(title: str, values: Sequence[int]) -> Markup:
    """A small line of a topic's messages per bucket, for a table cell."""
    n = len(values)
    top = max(values, default=0) or 1
    points = " ".join(
        f"{2 + (SPARK_W - 4) * (i / max(1, n - 1)):.1f},"
        f"{SPARK_H - 2 - (SPARK_H - 4) * (v / top):.1f}"
        for i, v in enumerate(values)
    )
    # Safe: coordinates are numbers we computed, and the title is escaped.
    return Markup(  # noqa: S704
        f'<svg class="chart spark" viewBox="0 0 {SPARK_W} {SPARK_H}" width="{SPARK_W}" '
        f'height="{SPARK_H}" style="width: {SPARK_W}px" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<polyline class="line" points="{points}"/></svg>'
    )
