"""A trained model is a folder that is safe to open and says how it was made.

Layout::

    model/
      manifest.json                 format version, components, labels, thresholds,
                                    metrics, training-data fingerprint, created_at, version
      components/<key>/state.npz    numpy arrays (loaded with allow_pickle=False)
      components/<key>/state.json   JSON metadata (vocabularies, label lists)

Why no pickle/joblib: people share model folders; opening one must never run code. numpy's
``.npz`` without pickle and JSON can only ever produce numbers and strings. Every file's
sha256 is in the manifest, so a truncated copy or a hand-edited array is reported as
``artifact_invalid`` instead of producing silently wrong predictions. The manifest is
written last: a crash mid-save leaves a folder that refuses to load.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tandemdesk import __version__
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.base import Component, ComponentState
from tandemdesk.understand.errors import ArtifactError, UnknownComponentError

_log = logging.getLogger(__name__)

# 2: the intent model's novelty score reads a seventh input (``-word_evidence``); a
# tandemdesk that reads format 1 cannot score it, so it must refuse the folder (a clear
# error, the previous model keeps serving) rather than fail on the first message.
FORMAT_VERSION = 2
MANIFEST_NAME = "manifest.json"
_ARRAYS = "state.npz"
_META = "state.json"
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # keys are folder names: no path tricks


@dataclass(frozen=True)
class ComponentEntry:
    """One component of a model folder: which implementation, built with which params."""

    key: str
    name: str
    kind: str
    params: dict[str, Any]
    files: dict[str, str]  # file name -> sha256


@dataclass(frozen=True)
class Manifest:
    """Everything needed to reproduce, audit and safely reload a model folder."""

    format_version: int
    created_at: str
    tandemdesk_version: str
    task: str
    components: tuple[ComponentEntry, ...]
    labels: tuple[str, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "created_at": self.created_at,
            "tandemdesk_version": self.tandemdesk_version,
            "task": self.task,
            "components": [vars(c) for c in self.components],
            "labels": list(self.labels),
            "thresholds": self.thresholds,
            "metrics": self.metrics,
            "training": self.training,
        }


def fingerprint(texts: Iterable[str], labels: Iterable[Any]) -> str:
    """sha256 over texts and labels in order: the identity of a training set."""
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
        digest.update(json.dumps(label, ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _jsonable(value: Any) -> Any:
    """Tuples become lists and numpy scalars plain numbers, so JSON round-trips exactly."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _prepare_folder(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise ArtifactError(f"{directory} exists and is not a folder")
    if directory.is_dir() and any(directory.iterdir()) and not (directory / MANIFEST_NAME).exists():
        raise ArtifactError(
            f"{directory} is not empty and holds no model: choose a new or empty folder"
        )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST_NAME).unlink(missing_ok=True)  # invalid until fully rewritten


def _write_component(key: str, component: Component, folder: Path) -> ComponentEntry:
    state = component.get_state()
    for array_name, array in state.arrays.items():
        if np.asarray(array).dtype == object:
            raise ValueError(f"{component.name}: array {array_name!r} has dtype=object")
    folder.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {k: np.asarray(v) for k, v in state.arrays.items()}
    with (folder / _ARRAYS).open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    (folder / _META).write_text(
        json.dumps(_jsonable(state.meta), ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    return ComponentEntry(
        key=key,
        name=component.name,
        kind=component.kind,
        params=_jsonable(component.get_params()),
        files={f: _sha256(folder / f) for f in (_ARRAYS, _META)},
    )


def save_model(
    directory: str | Path,
    components: Mapping[str, Component],
    *,
    task: str | None = None,
    labels: Iterable[str] = (),
    thresholds: Mapping[str, float] | None = None,
    metrics: Mapping[str, Any] | None = None,
    training: Mapping[str, Any] | None = None,
) -> Manifest:
    """Write fitted components (by key, e.g. ``{"main": clf}``) and the manifest."""
    folder = Path(directory)
    if not components:
        raise ValueError("save_model needs at least one component")
    if bad := [k for k in components if not _KEY_RE.match(k)]:
        raise ValueError(f"invalid component keys {bad}")
    for component in components.values():
        component._check_fitted()
    _prepare_folder(folder)
    entries = tuple(
        _write_component(key, comp, folder / "components" / key) for key, comp in components.items()
    )
    first = next(iter(components.values()))
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        created_at=utcnow().isoformat(),
        tandemdesk_version=__version__,
        task=task or first.kind,
        components=entries,
        labels=tuple(str(x) for x in labels),
        thresholds={k: float(v) for k, v in (thresholds or {}).items()},
        metrics=_jsonable(dict(metrics or {})),
        training=_jsonable(dict(training or {})),
    )
    text = json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
    (folder / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")
    return manifest


def read_manifest(directory: str | Path) -> Manifest:
    """Parse and check ``manifest.json`` (format version, required fields)."""
    folder = Path(directory)
    path = folder / MANIFEST_NAME
    if not folder.is_dir():
        raise ArtifactError(f"model folder {folder} does not exist", path=str(folder))
    if not path.is_file():
        raise ArtifactError(f"{folder} is not a model folder: {MANIFEST_NAME} is missing")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ArtifactError(f"{path} is not readable JSON: {e}") from e
    if not isinstance(raw, dict):
        raise ArtifactError(f"{path} is not a manifest (expected a JSON object)")
    version = raw.get("format_version")
    if not isinstance(version, int):
        raise ArtifactError(f"{path} has no integer format_version")
    if version > FORMAT_VERSION:
        raise ArtifactError(
            f"{folder} was written by a newer tandemdesk (model format {version}; this "
            f"version reads up to {FORMAT_VERSION}): upgrade tandemdesk to load it",
            format_version=version,
        )
    try:
        entries = tuple(
            ComponentEntry(
                key=str(c["key"]),
                name=str(c["name"]),
                kind=str(c["kind"]),
                params=dict(c["params"]),
                files={str(k): str(v) for k, v in c["files"].items()},
            )
            for c in raw["components"]
        )
        return Manifest(
            format_version=version,
            created_at=str(raw["created_at"]),
            tandemdesk_version=str(raw["tandemdesk_version"]),
            task=str(raw["task"]),
            components=entries,
            labels=tuple(str(x) for x in raw.get("labels", [])),
            thresholds={str(k): float(v) for k, v in raw.get("thresholds", {}).items()},
            metrics=dict(raw.get("metrics", {})),
            training=dict(raw.get("training", {})),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ArtifactError(f"{path} is incomplete or malformed: {e!r}") from e


def _read_state(folder: Path, entry: ComponentEntry) -> ComponentState:
    for file_name in (_ARRAYS, _META):
        path = folder / file_name
        if not path.is_file():
            raise ArtifactError(f"model file {path} is missing")
        expected = entry.files.get(file_name)
        if expected is None or _sha256(path) != expected:
            raise ArtifactError(f"model file {path} is corrupted or was modified (sha256)")
    try:
        with np.load(folder / _ARRAYS, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as e:
        raise ArtifactError(f"cannot read model files in {folder}: {e}") from e
    return ComponentState(arrays=arrays, meta=meta)


def load_model(
    directory: str | Path, optional: Collection[str] = ()
) -> tuple[Manifest, dict[str, Component]]:
    """Rebuild the components of a model folder; ``ArtifactError`` if anything is off.

    A component whose key is in ``optional`` (an add-on such as the intent model's encoder
    head) that cannot be rebuilt is left out and logged instead: the rest still serves."""
    folder = Path(directory)
    manifest = read_manifest(folder)
    components: dict[str, Component] = {}
    for entry in manifest.components:
        try:
            components[entry.key] = _load_component(folder, entry)
        except ArtifactError as e:
            if entry.key not in optional:
                raise
            _log.error("%s: %s is left out, the rest serves: %s", folder, entry.key, e.message)
    if not components:
        raise ArtifactError(f"{folder} lists no components")
    return manifest, components


def _load_component(folder: Path, entry: ComponentEntry) -> Component:
    from tandemdesk.understand import registry

    if not _KEY_RE.match(entry.key):
        raise ArtifactError(f"{folder}: invalid component key {entry.key!r}")
    try:
        cls = registry.get_by_name(entry.name)
    except UnknownComponentError as e:
        raise ArtifactError(f"{folder} needs component {entry.name!r}: {e.message}") from e
    state = _read_state(folder / "components" / entry.key, entry)
    try:
        component = cls(**entry.params)
        component.set_state(state)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as e:
        raise ArtifactError(f"cannot rebuild {entry.name} from {folder}: {e!r}") from e
    return component
