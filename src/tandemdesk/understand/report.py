"""An evaluation report a person can open offline: two charts and one HTML page.

Why static files: reports are attached to tickets and shared with people who have no
tandemdesk. So: PNGs drawn with matplotlib's Agg backend (no display needed), one HTML page
rendered by jinja2 with autoescaping, no CDN, images referenced by relative path, so the
folder works when zipped, mailed or opened from a file share.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from jinja2 import Environment, select_autoescape

from tandemdesk.timeutil import utcnow
from tandemdesk.understand import calibration

if TYPE_CHECKING:
    from tandemdesk.understand.evaluation import EvaluationResult

_MAX_CLASSES_SHOWN = 40  # beyond this the confusion matrix shows the most confused labels

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem}
th{background:#f4f4f4;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;border:1px solid #eee}
</style></head><body>
<h1>{{ title }}</h1>
<p>Created {{ created }} · {{ metrics.n }} messages.</p>
<h2>Summary</h2>
<table>{% for name, value in summary %}<tr><th>{{ name }}</th><td class="num">{{ value }}</td></tr>
{% endfor %}</table>
{% if curve %}<h2>Coverage and precision</h2>
<p>Messages taken by descending confidence: how many could be answered automatically (coverage)
while the share of right answers (precision) stays at a target.</p>
<img src="{{ curve }}" alt="coverage–precision curve">{% endif %}
{% if confusion %}<h2>Confusion matrix</h2><p>{{ confusion_note }}</p>
<img src="{{ confusion }}" alt="confusion matrix">{% endif %}
{% if per_class %}<h2>Per label (weakest first)</h2>
<table><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>
{% for label, row in per_class %}<tr><td>{{ label }}</td>
<td class="num">{{ "%.3f"|format(row.precision) }}</td>
<td class="num">{{ "%.3f"|format(row.recall) }}</td>
<td class="num">{{ "%.3f"|format(row.f1) }}</td>
<td class="num">{{ row.support }}</td></tr>{% endfor %}</table>{% endif %}
</body></html>
"""


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _summary(metrics: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in metrics.items():
        if key == "per_class":
            continue
        if isinstance(value, dict):
            rows.extend((f"{key} @ {k}", _format(v)) for k, v in value.items())
        elif isinstance(value, list):
            rows.append((key, ", ".join(map(str, value)) or "—"))
        else:
            rows.append((key, _format(value)))
    return rows


def _curve_png(path: Path, result: EvaluationResult) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, precision, coverage = calibration.precision_coverage_curve(result.confidence, result.correct)
    fig, ax = plt.subplots(figsize=(6.5, 4.5), dpi=110)
    ax.plot(coverage, precision, color="#1f6feb", linewidth=1.8)
    for target in (0.90, 0.95, 0.99):
        ax.axhline(target, color="#999", linestyle=":", linewidth=0.8)
        ax.text(0.01, target, f" {target:.2f}", va="bottom", fontsize=8, color="#555")
    ax.set_xlabel("coverage (share of messages answered)")
    ax.set_ylabel("precision of answered messages")
    ax.set_xlim(0, 1)
    lowest = float(precision.min()) if len(precision) else 0.0
    ax.set_ylim(max(0.0, min(lowest - 0.02, 0.88)), 1.005)  # keep the target lines in view
    ax.grid(alpha=0.3)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)


def _confusion_png(path: Path, result: EvaluationResult) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(result.labels)
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for gold, predicted in zip(result.gold, result.predicted, strict=True):
        matrix[index[gold], index[predicted]] += 1
    note = "Rows: true label; columns: predicted label; counts."
    if len(labels) > _MAX_CLASSES_SHOWN:
        errors = matrix.sum(axis=0) + matrix.sum(axis=1) - 2 * np.diag(matrix)
        keep = np.sort(np.argsort(-errors, kind="stable")[:_MAX_CLASSES_SHOWN])
        matrix = matrix[np.ix_(keep, keep)]
        labels = [labels[i] for i in keep]
        note += f" Only the {_MAX_CLASSES_SHOWN} labels involved in most errors are shown."
    size = max(5.0, 2.5 + 0.22 * len(labels))
    fig, ax = plt.subplots(figsize=(size, size), dpi=100)
    ax.imshow(np.log1p(matrix), cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    if len(labels) <= 20:
        for (i, j), count in np.ndenumerate(matrix):
            if count:
                ax.text(j, i, str(count), ha="center", va="center", fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return note


def render_report(directory: Path, result: EvaluationResult, title: str) -> Path:
    """Write ``index.html``, ``coverage_precision.png`` and ``confusion_matrix.png``."""
    directory.mkdir(parents=True, exist_ok=True)
    curve = confusion = None
    note = ""
    if len(result.confidence):
        curve = "coverage_precision.png"
        _curve_png(directory / curve, result)
    if result.gold:
        confusion = "confusion_matrix.png"
        note = _confusion_png(directory / confusion, result)
    per_class = sorted(
        result.metrics.get("per_class", {}).items(), key=lambda kv: (kv[1]["f1"], kv[0])
    )
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    html = env.from_string(_TEMPLATE).render(
        title=title,
        created=utcnow().strftime("%Y-%m-%d %H:%M UTC"),
        metrics=result.metrics,
        summary=_summary(result.metrics),
        curve=curve,
        confusion=confusion,
        confusion_note=note,
        per_class=per_class,
    )
    page = directory / "index.html"
    page.write_text(html, encoding="utf-8")
    return page
