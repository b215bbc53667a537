"""Knowledge-base articles (Markdown with optional YAML front matter, or JSONL) and macros.

A Markdown file::

    ---
    id: kb-returns            # optional: defaults to the file's path without suffix
    title: Returns policy     # optional: defaults to the first "# heading"
    language: en
    intents: [return_request]
    kind: article             # or macro
    ---
    # Returns policy
    You can return ...

A macro is a canned reply whose ``{{placeholders}}`` (``{{customer.first_name}}``,
``{{order.number}}``) are filled from the customer's timeline when it is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tandemdesk.errors import UnusableInputError
from tandemdesk.listen.readers import Parsed, describe
from tandemdesk.listen.records import ArticleRecord
from tandemdesk.listen.sources import FileSource, Rejection, iter_jsonl

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def placeholders(body: str) -> list[str]:
    """The placeholder names a macro uses, in order of first appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(body)))


def parse_markdown(text: str, default_id: str) -> dict[str, Any]:
    """Split front matter from body and find the title."""
    meta: dict[str, Any] = {}
    body = text.lstrip("\ufeff")
    if body.startswith("---"):
        end = body.find("\n---", 3)
        if end == -1:
            raise ValueError("front matter starts with --- but never ends")
        loaded = yaml.safe_load(body[3:end]) or {}
        if not isinstance(loaded, dict):
            raise ValueError("front matter is not a mapping of key: value")
        meta = loaded
        body = body[end + 4 :].lstrip("\n")
    title = meta.get("title")
    lines = body.splitlines()
    if lines and lines[0].startswith("# "):
        title = title or lines[0][2:].strip()
        body = "\n".join(lines[1:]).strip()
    if not title:
        raise ValueError("no title: add `title:` to the front matter or start with '# Title'")
    return {
        "external_id": str(meta.get("id") or default_id),
        "title": str(title),
        "body": body.strip(),
        "kind": meta.get("kind", "article"),
        "language": meta.get("language", "en"),
        "intents": meta.get("intents") or [],
        "tags": meta.get("tags") or [],
    }


def _files(path: Path) -> list[Path]:
    if not path.exists():
        raise UnusableInputError(f"no such file or folder: {path}")
    if path.is_file():
        if path.suffix.lower() not in MARKDOWN_SUFFIXES | JSONL_SUFFIXES:
            raise UnusableInputError(f"{path.name}: articles are Markdown (.md) or JSONL files")
        return [path]
    found = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and p.suffix.lower() in MARKDOWN_SUFFIXES | JSONL_SUFFIXES
    )
    if not found:
        raise UnusableInputError(f"no .md or .jsonl files in {path}")
    return found


def read_articles(path: Path) -> Iterator[Parsed[ArticleRecord] | Rejection]:
    """Every article and macro under ``path`` (a file or a folder, recursively)."""
    root = path if path.is_dir() else path.parent
    for file in _files(path):
        name = str(file.relative_to(root))
        if file.suffix.lower() in JSONL_SUFFIXES:
            for item in iter_jsonl(FileSource(file)):
                if isinstance(item, Rejection):
                    yield Rejection(item.line, item.error, file=name)
                    continue
                try:
                    yield Parsed(item.line, ArticleRecord.model_validate(item.data))
                except ValidationError as e:
                    yield Rejection(item.line, describe(e), file=name)
            continue
        try:
            text = file.read_text(encoding="utf-8")
            data = parse_markdown(text, default_id=str(Path(name).with_suffix("")))
            yield Parsed(1, ArticleRecord.model_validate(data))
        except UnicodeDecodeError:
            yield Rejection(1, "not valid UTF-8", file=name)
        except (ValueError, yaml.YAMLError) as e:
            message = describe(e) if isinstance(e, ValidationError) else str(e).splitlines()[0]
            yield Rejection(1, message, file=name)
