"""Workspace models: train from the stored history, version, activate, roll back, load."""

from __future__ import annotations

import pytest

from tandemdesk.errors import NotFoundError, UnusableInputError
from tandemdesk.learn import model_store, model_versions
from tandemdesk.learn.examples import workspace_examples
from tandemdesk.listen import imports
from tandemdesk.understand.training import train_classifier
from tandemdesk.workspace import Workspace

HISTORY = [
    ("I was charged twice for my order", "billing", "high"),
    ("Please refund the duplicate payment", "billing", "high"),
    ("Why is there an extra fee on my invoice?", "billing", "normal"),
    ("The invoice total is wrong", "billing", "normal"),
    ("Where is my parcel? It has not arrived", "delivery", "normal"),
    ("The package tracking has not updated for a week", "delivery", "high"),
    ("My delivery is late again", "delivery", "normal"),
    ("When will my order be shipped?", "delivery", "low"),
]


@pytest.fixture
def history(workspace: Workspace, tmp_path) -> Workspace:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.csv"
    rows = ["conversation_id,author,text,intent,priority"]
    for copy in range(3):
        for i, (text, intent, priority) in enumerate(HISTORY):
            rows.append(f'c{copy}-{i},customer,"{text} ({copy})",{intent},{priority}')
            rows.append(f'c{copy}-{i},agent,"Thanks, we are on it ({copy})",{intent},{priority}')
    path.write_text("\n".join(rows) + "\n")
    imports.import_conversations(workspace, path)
    return workspace


def test_examples_are_first_customer_messages(history: Workspace) -> None:
    data = workspace_examples(history, "intent")
    assert len(data.texts) == 24
    assert not any(t.startswith("Thanks, we are on it") for t in data.texts)
    assert set(data.labels) == {"billing", "delivery"}
    urgency = workspace_examples(history, "urgency")
    assert set(urgency.labels) == {"low", "normal", "high"}
    with pytest.raises(UnusableInputError, match="not 'emotion'"):
        workspace_examples(history, "emotion")


def test_no_labelled_history_is_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(UnusableInputError, match="no conversations labelled with intent"):
        workspace_examples(workspace, "intent")


def test_versions_activation_and_loading(history: Workspace) -> None:
    assert model_store.load_active(history, "intent") is None
    assert model_store.load_pipeline(history).intent is None
    data = workspace_examples(history, "intent")
    first = model_store.register(history, train_classifier(data.texts, data.labels))
    second = model_store.register(history, train_classifier(data.texts, data.labels, seed=1))
    assert (first.version, second.version) == (1, 2)
    assert [(v.version, v.active) for v in model_store.list_versions(history)] == [
        (1, False),
        (2, True),
    ]
    assert model_versions.folder_of(history, second).joinpath("manifest.json").is_file()

    model_store.activate(history, "intent", 1)
    assert [(v.version, v.active) for v in model_store.list_versions(history)] == [
        (1, True),
        (2, False),
    ]
    loaded = model_store.load_active(history, "intent")
    assert loaded is not None and set(loaded.labels) == {"billing", "delivery"}
    with pytest.raises(NotFoundError, match="models list"):
        model_store.activate(history, "intent", 7)
    # the CLI takes the version as `models list` prints it ("v2") or bare (found onboarding)
    from typer.testing import CliRunner

    from tandemdesk.cli import app

    env = {"TANDEMDESK_DATABASE_URL": history.settings.database_url,
           "TANDEMDESK_WORKSPACE_DIR": str(history.settings.workspace_dir)}  # fmt: skip
    done = CliRunner().invoke(app, ["models", "activate", "intent", "v2"], env=env)
    assert done.exit_code == 0 and "v2 is now active" in done.output, done.output
    wrong = CliRunner().invoke(app, ["models", "activate", "intent", "two"], env=env)
    assert wrong.exit_code == 2 and "write 3 or v3" in wrong.output, wrong.output
    model_store.activate(history, "intent", 1)

    pipeline = model_store.load_pipeline(history)
    [result] = pipeline.understand(["I think you charged me twice"])
    assert result.intent is not None and result.intent.top_k[0][0] == "billing"


@pytest.mark.parametrize("damage", ["corrupted", "newer"])
def test_an_unusable_version_is_refused_and_the_active_one_keeps_serving(
    history: Workspace, damage: str
) -> None:
    import json

    from tandemdesk.understand.errors import ArtifactError

    data = workspace_examples(history, "intent")
    first = model_store.register(history, train_classifier(data.texts, data.labels))
    model_store.register(history, train_classifier(data.texts, data.labels, seed=1))
    model_store.activate(history, "intent", first.version)
    folder = model_versions.folder_of(history, model_store.list_versions(history)[1])
    if damage == "corrupted":
        arrays = next(folder.rglob("*.npz"))
        arrays.write_bytes(arrays.read_bytes()[:-10])
        expected = "corrupted"
    else:
        manifest = folder / "manifest.json"
        raw = json.loads(manifest.read_text())
        manifest.write_text(json.dumps({**raw, "format_version": raw["format_version"] + 1}))
        expected = "newer tandemdesk"
    with pytest.raises(ArtifactError, match=expected):
        model_store.activate(history, "intent", 2)
    assert [(v.version, v.active) for v in model_store.list_versions(history)] == [
        (1, True),
        (2, False),
    ]
    assert model_store.load_pipeline(history).intent is not None  # v1 still understands


def test_an_opening_hello_is_not_the_example_the_request_after_it_is(
    workspace: Workspace, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.csv"
    path.write_text(
        "conversation_id,author,text,intent\n"
        "c1,customer,hola buenas,order_status\n"
        "c1,customer,¿dónde está mi pedido?,order_status\n"
        "c2,customer,Hi!,refund_request\n"
        "c3,customer,I want my money back,refund_request\n"
    )
    imports.import_conversations(workspace, path)
    data = workspace_examples(workspace, "intent")
    assert data.texts == ["¿dónde está mi pedido?", "I want my money back"]
    assert data.labels == ["order_status", "refund_request"]
