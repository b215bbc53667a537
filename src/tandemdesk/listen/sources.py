"""Stream rows out of files with their line numbers, without loading the file whole.

Every reader here yields either ``Row(line, data)`` or ``Rejection(line, error)``: a broken
line (bad UTF-8, malformed JSON, a CSV quoting error) is reported with its number and the
reading goes on, so one bad row never costs the good ones.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tandemdesk.errors import UnusableInputError

# A single CSV field may legitimately be a long email; the message-size rule is applied later
# with a clear per-row error instead of csv's opaque "field larger than field limit".
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    error: str
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "error": self.error}
        if self.file:
            out["file"] = self.file
        return out


class FileSource:
    """An input file opened for streaming, with its size and read position for progress bars."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise UnusableInputError(f"no such file: {path}")
        if not path.is_file():
            raise UnusableInputError(f"not a file: {path}")
        self.path = path
        self.size = path.stat().st_size
        self._binary: IO[bytes] | None = None

    def open_binary(self) -> IO[bytes]:
        self._binary = self.path.open("rb")
        return self._binary

    def position(self) -> int:
        """Bytes consumed so far (read-ahead buffers make it approximate, fine for progress)."""
        if self._binary is None or self._binary.closed:
            return self.size if self._binary is not None else 0
        return self._binary.tell()


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def iter_csv(source: FileSource) -> Iterator[Row | Rejection]:
    """CSV rows as dicts keyed by the header, each with the line where the row starts.

    Bytes that are not UTF-8 are kept as surrogates while parsing, so the row they are in
    can be rejected by line number instead of aborting the whole file.
    """
    with source.open_binary() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            raise UnusableInputError(f"{source.path} is empty") from None
        except csv.Error as e:
            raise UnusableInputError(f"{source.path}: unreadable CSV header: {e}") from e
        if any(_has_surrogates(name) for name in header):
            raise UnusableInputError(f"{source.path}: the CSV header is not valid UTF-8")
        columns = [name.strip() for name in header]
        if not any(columns):
            raise UnusableInputError(f"{source.path}: the CSV header has no column names")
        start = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield Rejection(start, f"unreadable CSV: {e}")
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not values or all(not v.strip() for v in values):
                continue
            if any(_has_surrogates(v) for v in values):
                yield Rejection(line, "invalid UTF-8 in this row")
                continue
            if len(values) > len(columns):
                yield Rejection(
                    line, f"{len(values)} fields but the header names {len(columns)} columns"
                )
                continue
            yield Row(line, dict(zip(columns, values, strict=False)))


def iter_jsonl(source: FileSource) -> Iterator[Row | Rejection]:
    """One JSON object per line; blank lines are skipped, anything else is reported."""
    with source.open_binary() as raw:
        for number, chunk in enumerate(raw, start=1):
            if not chunk.strip():
                continue
            try:
                data = json.loads(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                yield Rejection(number, "invalid UTF-8 on this line")
                continue
            except json.JSONDecodeError as e:
                yield Rejection(number, f"malformed JSON: {e.msg} (column {e.colno})")
                continue
            if not isinstance(data, dict):
                yield Rejection(number, f"expected a JSON object, got {type(data).__name__}")
                continue
            yield Row(number, data)


def detect_format(path: Path, declared: str | None, allowed: tuple[str, ...]) -> str:
    """The file's format: the one declared, else from its suffix."""
    if declared:
        if declared not in allowed:
            raise UnusableInputError(
                f"unknown format {declared!r}; use one of: {', '.join(allowed)}"
            )
        return declared
    suffix = path.suffix.lower()
    by_suffix = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
    guessed = by_suffix.get(suffix)
    if guessed == "json" and "zendesk" in allowed:
        guessed = "zendesk"
    if guessed is None or guessed not in allowed:
        raise UnusableInputError(
            f"cannot tell the format of {path.name}; pass --format ({', '.join(allowed)})"
        )
    return guessed
