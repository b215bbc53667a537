"""``tandemdesk train`` and ``tandemdesk evaluate``: thin edges over ``understand``.

Each command parses options, calls one function (``run_train`` / ``run_evaluate``) and
renders the result. The labelled examples come from a *source*: a zero-argument callable
returning ``LabelledData``. The file options build one from ``read_labelled_file``; a
workspace option can pass a callable that reads corrected conversations from the database,
with no change to the training or evaluation code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.errors import UnusableInputError
from tandemdesk.workspace import Workspace, open_workspace

if TYPE_CHECKING:  # the model code (scikit-learn …) loads only when a command needs it
    from tandemdesk.understand.datafiles import FileFormat, LabelledData

LabelledSource = Callable[[], "LabelledData"]

DataOpt = Annotated[Path, typer.Option("--data", help="Labelled examples: CSV or JSONL file.")]
FormatOpt = Annotated[
    str, typer.Option("--format", help="csv, jsonl, or auto (from the file name / content).")
]
TextOpt = Annotated[str, typer.Option("--text-field", help="Column / key holding the text.")]
LabelOpt = Annotated[str, typer.Option("--label-field", help="Column / key holding the label.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def file_source(
    data: Path, text_field: str, label_field: str, fmt: str, multi_label: bool = False
) -> LabelledSource:
    """A source reading a labelled CSV/JSONL file when called."""
    if fmt not in ("csv", "jsonl", "auto"):
        raise UnusableInputError(f"unknown --format {fmt!r}: use csv, jsonl or auto")
    from tandemdesk.understand.datafiles import read_labelled_file

    file_format: FileFormat = fmt  # type: ignore[assignment]
    return lambda: read_labelled_file(data, text_field, label_field, file_format, multi_label)


def run_train(
    source: LabelledSource,
    output: Path | None,
    task: str = "intent",
    profile: str = "fast",
    target_precision: float = 0.95,
    multi_label: bool = False,
    workspace: Workspace | None = None,
) -> dict[str, Any]:
    """Train from ``source``; save the folder to ``output`` and/or register it as the
    workspace's new active version of ``task``; return a summary."""
    from tandemdesk.learn import model_store, model_versions
    from tandemdesk.understand import intent_head
    from tandemdesk.understand.training import train_classifier

    data = source()
    settings = workspace.settings if workspace is not None else get_settings()
    no_head = intent_head.wanted(settings.second_opinion, task, multi_label)
    model = train_classifier(
        data.texts,
        data.labels,
        task=task,
        profile=profile,
        target_precision=target_precision,
        multi_label=multi_label,
        encoder_head=no_head is None,  # the encoder's intent head, where it reads messages
    )
    if output is not None:
        model.save(output)
    if workspace is not None:
        version = model_store.register(workspace, model, activate=True)
        output = model_versions.folder_of(workspace, version)
    return {
        "model": str(output),
        "task": task,
        "profile": profile,
        "data": data.origin,
        "examples": len(data.texts),
        "labels": len(model.labels),
        "thresholds": model.thresholds,
        "held_out": model.metrics,
        "encoder_head": model.training.get("encoder_head", {"trained": False, "why": no_head}),
        "warnings": model.training.get("warnings", []),
    }


def run_evaluate(
    model_dir: Path,
    source_for: Callable[[bool], LabelledSource],
    out_of_scope_label: str | None = None,
    report: Path | None = None,
) -> dict[str, Any]:
    """Evaluate a model folder on labelled data; optionally write the HTML report."""
    from tandemdesk.understand.evaluation import evaluate_detailed, write_report
    from tandemdesk.understand.training import load_model

    model = load_model(model_dir)
    multi_label = bool(getattr(model.component, "multi_label", False))
    data = source_for(multi_label)()
    result = evaluate_detailed(model, data.texts, data.labels, out_of_scope_label)
    metrics = dict(result.metrics)
    if report is not None:
        title = f"{model.task} model {model_dir.name} on {Path(data.origin).name}"
        metrics["report"] = str(write_report(report, result, title))
    return metrics


def _show(title: str, rows: dict[str, Any]) -> None:
    table = Table(title=title, show_header=False)
    for key, value in rows.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                table.add_row(
                    f"{key} {sub}", f"{inner:.4f}" if isinstance(inner, float) else str(inner)
                )
        elif isinstance(value, float):
            table.add_row(key, f"{value:.4f}")
        elif value not in (None, [], ""):
            table.add_row(key, str(value))
    console.print(table)


def train(
    data: Annotated[
        Path | None, typer.Option("--data", help="Labelled examples: CSV or JSONL file.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Folder to write the model to.")
    ] = None,
    from_workspace: Annotated[
        bool,
        typer.Option(
            "--from-workspace",
            help="Train on the workspace's stored, labelled history and make it the active model.",
        ),
    ] = False,
    text_field: TextOpt = "text",
    label_field: LabelOpt = "label",
    fmt: FormatOpt = "auto",
    task: Annotated[
        str, typer.Option("--task", help="intent, emotion, abuse, urgency or your own name.")
    ] = "intent",
    multi_label: Annotated[
        bool, typer.Option("--multi-label", help="Each example may carry several labels.")
    ] = False,
    profile: Annotated[
        str, typer.Option("--profile", help="fast (no torch) or accurate (needs the extra).")
    ] = "fast",
    target_precision: Annotated[
        float,
        typer.Option("--target-precision", help="Precision the abstention threshold keeps."),
    ] = 0.95,
    as_json: JsonOpt = False,
) -> None:
    """Train a text classifier from labelled examples and save it as a model folder."""
    workspace: Workspace | None = None
    if from_workspace:
        workspace = open_workspace(get_settings())
        opened = workspace

        def source() -> LabelledData:
            from tandemdesk.learn.examples import workspace_examples

            return workspace_examples(opened, task)

    elif data is None or output is None:
        raise UnusableInputError("give --data FILE and --output DIR, or --from-workspace")
    else:
        source = file_source(data, text_field, label_field, fmt, multi_label)
    summary = run_train(source, output, task, profile, target_precision, multi_label, workspace)
    if as_json:
        print_json(summary)
        return
    shown = {k: v for k, v in summary.items() if k != "warnings"}
    _show(f"Trained {task} model", shown)
    for warning in summary["warnings"]:
        console.print(f"[yellow]warning[/]: {warning}", highlight=False)


def evaluate(
    model: Annotated[Path, typer.Option("--model", help="Model folder written by train.")],
    data: DataOpt,
    text_field: TextOpt = "text",
    label_field: LabelOpt = "label",
    fmt: FormatOpt = "auto",
    out_of_scope_label: Annotated[
        str | None,
        typer.Option("--out-of-scope-label", help="Label of out-of-scope examples, e.g. oos."),
    ] = None,
    as_json: JsonOpt = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Folder for an HTML report with charts.")
    ] = None,
) -> None:
    """Measure a trained model on labelled examples it has not seen."""
    metrics = run_evaluate(
        model,
        lambda multi: file_source(data, text_field, label_field, fmt, multi),
        out_of_scope_label,
        report,
    )
    if as_json:
        print_json(metrics)
        return
    per_class = metrics.pop("per_class", {})
    _show(f"Evaluation of {model}", metrics)
    # only labels with something to fix: a perfect one listed as "weakest" misleads
    weakest = sorted(
        ((k, v) for k, v in per_class.items() if v["f1"] < 1.0), key=lambda kv: kv[1]["f1"]
    )[:5]
    if weakest:
        console.print("weakest labels: " + ", ".join(f"{k} (F1 {v['f1']:.2f})" for k, v in weakest))
