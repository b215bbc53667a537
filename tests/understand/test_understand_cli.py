"""``train`` and ``evaluate`` commands, run through Typer's CliRunner on generated CSVs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from understand_synthetic import make_examples, write_csv

from tandemdesk.cli import app, understand_cmds
from tandemdesk.understand.training import LabelledData, load_model

runner = CliRunner()


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cli")
    texts, labels = make_examples(per_class=20)
    data = write_csv(folder / "train.csv", texts, labels, "message", "intent")
    result = runner.invoke(
        app,
        [
            "train",
            "--data",
            str(data),
            "--text-field",
            "message",
            "--label-field",
            "intent",
            "--target-precision",
            "0.9",
            "--output",
            str(folder / "model"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["labels"] == 4 and summary["examples"] == 80
    assert summary["thresholds"]["target_precision"] == 0.9
    return folder, folder / "model"


def test_train_writes_a_loadable_model(trained: tuple[Path, Path]) -> None:
    _, model_dir = trained
    model = load_model(model_dir)
    assert model.labels == ["billing", "cancel", "delivery", "password"]
    assert model.analyse(["reset my password please"])[0].top_k[0][0] == "password"


def test_evaluate_json_and_report(trained: tuple[Path, Path]) -> None:
    folder, model_dir = trained
    texts, labels = make_examples(per_class=10, seed=11)
    texts.append("what is the weather like on mars today")
    labels.append("oos")
    data = write_csv(folder / "test.csv", texts, labels, "message", "intent")
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--model",
            str(model_dir),
            "--data",
            str(data),
            "--text-field",
            "message",
            "--label-field",
            "intent",
            "--out-of-scope-label",
            "oos",
            "--json",
            "--report",
            str(folder / "report"),
        ],
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] == 41
    assert metrics["accuracy"] >= 0.9
    assert 0.0 <= metrics["oos_recall"] <= 1.0 and metrics["in_scope_accuracy"] >= 0.8
    assert Path(metrics["report"]).is_file()
    human = runner.invoke(
        app,
        [
            "evaluate",
            "--model",
            str(model_dir),
            "--data",
            str(data),
            "--text-field",
            "message",
            "--label-field",
            "intent",
        ],
    )
    assert human.exit_code == 0 and "accuracy" in human.stdout


def test_one_label_file_fails_with_one_line_and_exit_2(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "one.csv", ["a b c", "d e f"], ["x", "x"])
    result = runner.invoke(app, ["train", "--data", str(data), "--output", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "need at least two labels" in result.output
    assert "Traceback" not in result.output
    as_json = runner.invoke(
        app, ["train", "--data", str(data), "--output", str(tmp_path / "m"), "--json"]
    )
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["error"]["code"] == "training_data_invalid"


def test_bad_model_folder_and_bad_format(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "d.csv", ["hello there"], ["x"])
    result = runner.invoke(app, ["evaluate", "--model", str(tmp_path), "--data", str(data)])
    assert result.exit_code == 2 and "manifest.json is missing" in result.output
    result = runner.invoke(
        app, ["train", "--data", str(data), "--format", "xml", "--output", str(tmp_path / "m")]
    )
    assert result.exit_code == 2 and "unknown --format" in result.output


def test_training_from_any_source_callable(tmp_path: Path) -> None:
    """The workspace (or anything else) can feed training through a callable."""
    texts, labels = make_examples(per_class=8)
    summary = understand_cmds.run_train(
        lambda: LabelledData(texts, labels, origin="workspace"), tmp_path / "m", task="intent"
    )
    assert summary["data"] == "workspace" and summary["examples"] == 32
    assert load_model(tmp_path / "m").task == "intent"
