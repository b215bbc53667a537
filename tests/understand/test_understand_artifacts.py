"""Model folders are safe to open: tampering, truncation and newer formats are clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from understand_synthetic import make_examples

from tandemdesk.understand import artifacts
from tandemdesk.understand.base import ComponentState
from tandemdesk.understand.errors import ArtifactError
from tandemdesk.understand.intent import LinearIntentClassifier
from tandemdesk.understand.training import load_model, train_classifier


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts, labels = make_examples(per_class=15)
    folder = tmp_path_factory.mktemp("artifact") / "model"
    train_classifier(texts, labels, target_precision=0.9).save(folder)
    return folder


def _copy(saved: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(saved, tmp_path / "copy"))


def test_manifest_records_how_the_model_was_made(saved: Path) -> None:
    texts, labels = make_examples(per_class=15)
    manifest = artifacts.read_manifest(saved)
    assert manifest.format_version == artifacts.FORMAT_VERSION
    assert manifest.task == "intent"
    assert manifest.labels == ("billing", "cancel", "delivery", "password")
    assert manifest.training["fingerprint"] == artifacts.fingerprint(texts, labels)
    assert manifest.training["n_examples"] == 60
    assert manifest.components[0].name == "intent.linear.v1"
    assert manifest.components[0].params["word_ngrams"] == [1, 2]
    assert 0.0 < manifest.thresholds["abstain_below"] <= 1.0
    assert manifest.metrics["held_out"]["n"] == 60  # small data: every example held out once
    assert manifest.created_at.endswith("+00:00")
    files = sorted(p.relative_to(saved).as_posix() for p in saved.rglob("*") if p.is_file())
    assert files == [
        "components/main/state.json",
        "components/main/state.npz",
        "manifest.json",
    ]


def test_arrays_load_without_pickle(saved: Path) -> None:
    with np.load(saved / "components/main/state.npz", allow_pickle=False) as npz:
        assert all(npz[name].dtype != object for name in npz.files)


def test_changed_array_file_is_refused(saved: Path, tmp_path: Path) -> None:
    folder = _copy(saved, tmp_path)
    npz = folder / "components/main/state.npz"
    data = bytearray(npz.read_bytes())
    data[len(data) // 2] ^= 0xFF
    npz.write_bytes(bytes(data))
    with pytest.raises(ArtifactError, match="corrupted or was modified") as caught:
        load_model(folder)
    assert caught.value.code == "artifact_invalid"


def test_missing_file_and_missing_manifest_are_refused(saved: Path, tmp_path: Path) -> None:
    folder = _copy(saved, tmp_path)
    (folder / "components/main/state.json").unlink()
    with pytest.raises(ArtifactError, match="missing"):
        load_model(folder)
    (folder / "manifest.json").unlink()
    with pytest.raises(ArtifactError, match=r"manifest\.json is missing"):
        load_model(folder)
    with pytest.raises(ArtifactError, match="does not exist"):
        load_model(tmp_path / "nowhere")


def test_newer_format_version_says_upgrade(saved: Path, tmp_path: Path) -> None:
    folder = _copy(saved, tmp_path)
    raw = json.loads((folder / "manifest.json").read_text())
    raw["format_version"] = artifacts.FORMAT_VERSION + 1
    (folder / "manifest.json").write_text(json.dumps(raw))
    with pytest.raises(ArtifactError, match=r"newer tandemdesk.*upgrade"):
        load_model(folder)


@pytest.mark.parametrize(
    "edit",
    [
        lambda raw: "{not json",
        lambda raw: json.dumps([1, 2]),
        lambda raw: json.dumps({**raw, "components": [{"name": "intent.linear.v1"}]}),
        lambda raw: json.dumps({**raw, "components": [{**raw["components"][0], "key": "../x"}]}),
        lambda raw: json.dumps(
            {**raw, "components": [{**raw["components"][0], "name": "intent.gone.v9"}]}
        ),
        lambda raw: json.dumps(
            {**raw, "components": [{**raw["components"][0], "params": {"bogus": 1}}]}
        ),
    ],
    ids=["not-json", "not-object", "incomplete", "path-key", "unknown-component", "bad-params"],
)
def test_malformed_manifests_are_refused(saved: Path, tmp_path: Path, edit: object) -> None:
    folder = _copy(saved, tmp_path)
    raw = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(edit(raw))  # type: ignore[operator]
    with pytest.raises(ArtifactError):
        load_model(folder)


def test_pickled_object_array_cannot_be_loaded(saved: Path, tmp_path: Path) -> None:
    """Even with a matching checksum, an object array (pickle) is never unpickled."""
    folder = _copy(saved, tmp_path)
    npz = folder / "components/main/state.npz"
    buffer = io.BytesIO()
    np.savez(buffer, weights=np.array([{"evil": 1}], dtype=object))
    npz.write_bytes(buffer.getvalue())
    raw = json.loads((folder / "manifest.json").read_text())
    raw["components"][0]["files"]["state.npz"] = artifacts._sha256(npz)
    (folder / "manifest.json").write_text(json.dumps(raw))
    with pytest.raises(ArtifactError, match="cannot read model files"):
        load_model(folder)


def test_object_arrays_are_never_written(tmp_path: Path) -> None:
    class Bad(LinearIntentClassifier):
        def get_state(self) -> ComponentState:
            return ComponentState(arrays={"x": np.array([object()], dtype=object)})

    texts, labels = make_examples(per_class=5)
    model = Bad().fit(texts, labels)
    with pytest.raises(ValueError, match="dtype=object"):
        artifacts.save_model(tmp_path / "m", {"main": model})


def test_saving_refuses_to_clobber_an_unrelated_folder(tmp_path: Path, saved: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    model = load_model(saved)
    with pytest.raises(ArtifactError, match="not empty"):
        model.save(tmp_path)
    model.save(saved)  # overwriting a model folder is fine
    assert load_model(saved).labels == model.labels
