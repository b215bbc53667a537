"""The one contract every registered understand component keeps (scikit-learn style).

Parametrised over the registry, so a component added anywhere in ``understand`` is tested
here without touching this file: fit returns self, learned state ends in ``_``, get_params
round-trips, and save → load gives the same predictions.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import numpy as np
import pytest

from tandemdesk.errors import TandemError
from tandemdesk.understand import artifacts, registry
from tandemdesk.understand.base import ClassifierComponent, Component
from tandemdesk.understand.errors import NotFittedError, UnknownComponentError

COMPONENTS = registry.components()


def _probe_texts(train_texts: list[str]) -> list[str]:
    return [*train_texts[:6], "", "🙂🙂", "Paket 包裹 посылка", "x" * 20_000]


def test_registry_holds_the_builtin_intent_component() -> None:
    assert "intent.linear.v1" in registry.names("intent")
    assert registry.get("intent", "intent.linear.v1").name == "intent.linear.v1"
    assert len(COMPONENTS) >= 1


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.name)
def test_init_only_stores_parameters(cls: type[Component]) -> None:
    component = cls()
    params = component.get_params()
    assert set(params) == {p for p in inspect.signature(cls.__init__).parameters if p != "self"}
    assert not component.is_fitted, "learned state (attributes ending in _) set in __init__"


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.name)
def test_fit_save_load_gives_same_predictions(cls: type[Component], tmp_path: Path) -> None:
    texts, labels = cls.example_data()
    component = cls()
    assert component.fit(texts, labels) is component
    assert component.is_fitted
    probe = _probe_texts(texts)
    before = component.predict(probe)
    assert len(before) == len(probe)
    analysed = component.analyse(probe)
    assert len(analysed) == len(probe)

    component.save(tmp_path / "model")
    manifest = artifacts.read_manifest(tmp_path / "model")
    assert manifest.components[0].name == cls.name
    loaded = cls.load(tmp_path / "model")

    assert type(loaded) is cls
    assert json.dumps(artifacts._jsonable(loaded.get_params()), sort_keys=True) == json.dumps(
        artifacts._jsonable(component.get_params()), sort_keys=True
    )
    assert loaded.predict(probe) == before
    assert loaded.analyse(probe) == analysed
    if isinstance(component, ClassifierComponent):
        assert isinstance(loaded, ClassifierComponent)
        np.testing.assert_allclose(
            loaded.predict_proba(probe), component.predict_proba(probe), rtol=1e-6, atol=1e-9
        )
        assert loaded.classes_ == component.classes_


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.name)
def test_predicting_before_fit_is_a_clear_error(cls: type[Component]) -> None:
    component = cls()
    if not isinstance(component, ClassifierComponent):
        pytest.skip("rule-based components may predict without fitting")
    with pytest.raises(NotFittedError):
        component.predict(["hello"])


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(UnknownComponentError) as caught:
        registry.get("intent", "intent.linaer.v1")
    assert isinstance(caught.value, TandemError)
    assert caught.value.code == "unknown_component"
    assert "intent.linear.v1" in caught.value.message
    with pytest.raises(UnknownComponentError, match="known kinds"):
        registry.get("no-such-kind", "x.v1")


def test_names_must_be_versioned_and_unique() -> None:
    with pytest.raises(ValueError, match="v<N>"):
        registry.register("intent", "intent.unversioned")
    with pytest.raises(ValueError, match="already registered"):

        @registry.register("intent", "intent.linear.v1")
        class Impostor(Component):  # pragma: no cover - never instantiated
            pass
