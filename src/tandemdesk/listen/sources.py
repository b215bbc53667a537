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
from collections import deque
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


class _Lines:
    """The file's lines for ``csv.reader``, numbered, remembering those of the row being read.

    Why: a field opened with a quote that is never closed makes the reader take every later
    line as part of that field until the next quote (or the end of the file), so whole rows
    vanish into one. The reader runs in strict mode, which notices the stray quote; the lines
    of the broken row are then read again, from the one after its first line, so only the
    broken row is rejected and the rows it swallowed still come through.
    """

    def __init__(self, text: Iterator[str]) -> None:
        self._source = text
        self._replay: deque[tuple[int, str]] = deque()
        self._next_number = 1
        self.row: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._replay:
            number, line = self._replay.popleft()
        else:
            line = next(self._source)
            number = self._next_number
            self._next_number += 1
        self.row.append((number, line))
        return line

    def start_row(self) -> None:
        self.row = []

    def first_line(self) -> int:
        """Where the row being read starts (the next line's number before it is read)."""
        if self.row:
            return self.row[0][0]
        return self._replay[0][0] if self._replay else self._next_number

    def replay_after_first(self) -> None:
        """Read the broken row's lines again, all but its first."""
        self._replay.extendleft(reversed(self.row[1:]))
        self.row = []


def iter_csv(source: FileSource) -> Iterator[Row | Rejection]:
    """CSV rows as dicts keyed by the header, each with the line where the row starts.

    Bytes that are not UTF-8 are kept as surrogates while parsing, so the row they are in
    can be rejected by line number instead of aborting the whole file. A row with a broken
    quote (unterminated, or text after a closing quote) is rejected by line and the lines
    after its first are read again (``_Lines``), so it cannot swallow the rows after it.
    """
    with source.open_binary() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        lines = _Lines(iter(text))
        reader = csv.reader(lines, strict=True)
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
        while True:
            lines.start_row()
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                line = lines.first_line()
                yield Rejection(line, f"broken quoting in this row ({e}); the row is skipped")
                lines.replay_after_first()
                reader = csv.reader(lines, strict=True)  # a fresh parser state
                continue
            line = lines.first_line()
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
