"""Labelled files stream in with line-numbered errors, whatever their size or encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tandemdesk.understand.errors import TrainingDataError
from tandemdesk.understand.training import read_labelled_file


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_csv_with_quoted_newlines_and_bom(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.csv",
        '\ufefftext,intent\n"line one\nline two",billing\nwhere is my parcel, delivery \n',
    )
    data = read_labelled_file(path, "text", "intent")
    assert data.texts == ["line one\nline two", "where is my parcel"]
    assert data.labels == ["billing", "delivery"]
    assert data.lines == [2, 4]


def test_blank_texts_and_labels_are_listed_by_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.csv", 'text,label\nok,a\n"  ",b\nfine,\n"multi\nline",c\n\t,d\n')
    with pytest.raises(TrainingDataError) as caught:
        read_labelled_file(path)
    message = caught.value.message
    assert "2 row(s) with an empty text (line 3, 7)" in message
    assert "1 row(s) with no label (line 4)" in message


def test_missing_column_lists_the_columns(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.csv", "body,category\nhello,a\n")
    with pytest.raises(TrainingDataError, match="no field 'text' \\(fields: 'body', 'category'\\)"):
        read_labelled_file(path)


def test_jsonl_with_nested_fields_and_bad_line(tmp_path: Path) -> None:
    rows = [{"msg": {"body": "hi there"}, "y": "greet"}, {"msg": {"body": "bye"}, "y": "leave"}]
    path = _write(tmp_path / "d.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    data = read_labelled_file(path, "msg.body", "y")
    assert data.texts == ["hi there", "bye"] and data.lines == [1, 2]
    _write(path, json.dumps(rows[0]) + "\n{broken\n")
    with pytest.raises(TrainingDataError, match="line 2: not valid JSON"):
        read_labelled_file(path, "msg.body", "y")
    _write(path, "[1, 2]\n")
    with pytest.raises(TrainingDataError, match="line 1: expected a JSON object"):
        read_labelled_file(path, "msg.body", "y")


def test_multi_label_columns(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.csv", 'text,labels\nboth,"b|a"\ncomma,"a, c"\nnone,\n')
    data = read_labelled_file(path, "text", "labels", multi_label=True)
    assert data.labels == [["a", "b"], ["a", "c"], []]
    jsonl = _write(tmp_path / "d.jsonl", json.dumps({"text": "x", "labels": ["q", "p"]}) + "\n")
    assert read_labelled_file(jsonl, "text", "labels", multi_label=True).labels == [["p", "q"]]


def test_huge_field_binary_garbage_and_format_sniffing(tmp_path: Path) -> None:
    big = "a" * 1_000_000
    path = _write(tmp_path / "big.csv", f"text,label\n{big},x\nhello,y\n")
    assert len(read_labelled_file(path).texts[0]) == 1_000_000
    garbage = _write(tmp_path / "g.csv", b"text,label\n\xff\xfe\x00\x81 zap,x\n")
    assert read_labelled_file(garbage).labels == ["x"]
    sniffed = _write(tmp_path / "data.export", '{"text": "hi", "label": "x"}\n')
    assert read_labelled_file(sniffed).texts == ["hi"]
    binary = _write(tmp_path / "blob.bin", bytes(range(256)) * 4)
    with pytest.raises(TrainingDataError):
        read_labelled_file(binary)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="does not exist"):
        read_labelled_file(tmp_path / "nope.csv")
    with pytest.raises(TrainingDataError, match="holds no labelled rows"):
        read_labelled_file(_write(tmp_path / "e.csv", "text,label\n"))
