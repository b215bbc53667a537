"""Read labelled examples from CSV or JSONL, streaming, with line-numbered errors.

Why strict: a training set with blank texts or missing labels trains a model that silently
learns "empty message → some intent". We read every row, collect the bad ones with their
line numbers, and refuse the file with the first few of them listed, so the user can fix
the file in one pass. Huge texts are kept (features truncate them); undecodable bytes
become U+FFFD rather than a crash.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tandemdesk.understand.errors import TrainingDataError
from tandemdesk.understand.text import is_blank

FileFormat = Literal["csv", "jsonl", "auto"]
_SHOWN = 5  # bad lines listed in an error message
_FIELD_LIMIT = 64 * 1024 * 1024  # csv's default (128 KiB) rejects a pasted log; 64 MiB doesn't


@dataclass
class LabelledData:
    """Texts with one label each (a list of labels in multi-label data) and their origin."""

    texts: list[str] = field(default_factory=list)
    labels: list[Any] = field(default_factory=list)
    origin: str = "memory"
    lines: list[int] = field(default_factory=list)


def _detect_format(path: Path) -> Literal["csv", "jsonl"]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    with path.open("rb") as handle:
        head = handle.read(4096).lstrip()
    return "jsonl" if head.startswith(b"{") else "csv"


def _lookup(record: dict[str, Any], name: str) -> Any:
    """A field by name, or by a dotted path into nested JSON objects (``meta.intent``)."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(name)
        value = value[part]
    return value


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    csv.field_size_limit(max(csv.field_size_limit(), min(_FIELD_LIMIT, sys.maxsize)))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        start = 2
        try:
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        except csv.Error as e:
            raise TrainingDataError(f"{path}, line {reader.line_num}: not valid CSV ({e})") from e


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise TrainingDataError(f"{path}, line {number}: not valid JSON ({e.msg})") from e
            if not isinstance(record, dict):
                raise TrainingDataError(f"{path}, line {number}: expected a JSON object")
            yield number, record


def _as_labels(value: Any, multi_label: bool) -> Any:
    """A clean label (stripped string), or for multi-label a list of them."""
    if multi_label:
        if isinstance(value, str):
            parts = value.replace("|", ",").split(",")
        elif isinstance(value, list):
            parts = [str(v) for v in value if v is not None]
        else:
            parts = [] if value is None else [str(value)]
        return sorted({p.strip() for p in parts if p.strip()})
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def read_labelled_file(
    path: str | Path,
    text_field: str = "text",
    label_field: str = "label",
    format: FileFormat = "auto",
    multi_label: bool = False,
) -> LabelledData:
    """Stream a CSV (header row) or JSONL file into ``LabelledData``.

    Raises ``TrainingDataError`` naming the lines with a blank text or a missing label,
    a missing column (listing the columns there are), or a file with no rows.
    """
    source = Path(path)
    if not source.is_file():
        raise TrainingDataError(f"labelled data file {source} does not exist")
    kind = _detect_format(source) if format == "auto" else format
    if kind not in ("csv", "jsonl"):
        raise TrainingDataError(f"unknown format {format!r}: use csv, jsonl or auto")
    rows = _csv_rows(source) if kind == "csv" else _jsonl_rows(source)
    data = LabelledData(origin=str(source))
    blank: list[int] = []
    unlabelled: list[int] = []
    for line, record in rows:
        try:
            text, label = _lookup(record, text_field), _lookup(record, label_field)
        except KeyError as e:
            fields = ", ".join(repr(k) for k in record if k is not None) or "none"
            raise TrainingDataError(
                f"{source}, line {line}: no field {e.args[0]!r} (fields: {fields}); "
                "choose with --text-field / --label-field"
            ) from None
        text = "" if text is None else str(text)
        label = _as_labels(label, multi_label)
        if is_blank(text):
            blank.append(line)
        elif not label and not multi_label:
            unlabelled.append(line)
        else:
            data.texts.append(text)
            data.labels.append(label)
            data.lines.append(line)
    problems = [
        f"{len(bad)} row(s) with {what} (line {', '.join(map(str, bad[:_SHOWN]))}"
        + (" …)" if len(bad) > _SHOWN else ")")
        for bad, what in ((blank, "an empty text"), (unlabelled, "no label"))
        if bad
    ]
    if problems:
        raise TrainingDataError(f"{source}: " + "; ".join(problems) + ": fix or remove them")
    if not data.texts:
        raise TrainingDataError(f"{source} holds no labelled rows")
    return data
