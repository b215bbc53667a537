"""Policy versions in the workspace: an invalid policy never replaces the working one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandemdesk.decide import PolicyError, default_policy_text
from tandemdesk.listen import imports
from tandemdesk.policies import active_policy, check_policy, save_policy
from tandemdesk.workspace import Workspace


@pytest.fixture
def labelled(workspace: Workspace, tmp_path) -> Workspace:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.csv"
    path.write_text(
        "text,intent\nwhere is my order,order_status\nreset my password,password_reset\n"
    )
    imports.import_conversations(workspace, path)
    return workspace


def test_default_until_one_is_applied(labelled: Workspace) -> None:
    policy, version = active_policy(labelled)
    assert version is None and policy.name == "default"


def test_apply_validates_against_the_workspace_intents(labelled: Workspace) -> None:
    text = default_policy_text().replace("distress: 0.6", "distress: 0.5")
    with pytest.raises(PolicyError) as error:
        save_policy(labelled, text)  # the default names demo intents this workspace lacks
    assert "known intents" in error.value.message and "order_status" in error.value.message
    _, version = active_policy(labelled)
    assert version is None, "an invalid policy never replaces the working one"


def test_versions_and_activation(labelled: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    minimal = (
        "version: 1\nname: strict\nautomatable_intents:\n  order_status: {min_confidence: 0.9}\n"
        "rules:\n  - id: everything_to_people\n    when: {always: true}\n    action: route_to_human\n"
    )
    first = save_policy(labelled, minimal)
    second = save_policy(labelled, minimal.replace("strict", "stricter"))
    assert (first.version, second.version) == (1, 2)
    policy, version = active_policy(labelled)
    assert (policy.name, version) == ("stricter", 2)
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "version: 1\nrules:\n  - id: x\n    when: {distres_at_least: 0.5}\n    action: automate\n"
    )
    with pytest.raises(PolicyError, match="distress_at_least"):
        check_policy(labelled, broken)
    with pytest.raises(PolicyError):
        save_policy(labelled, broken)
    assert active_policy(labelled)[1] == 2


def test_text_from_a_person_is_never_read_as_a_file_name(
    labelled: Workspace, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(default_policy_text().replace("distress: 0.6", "distress: 0.5"))
    for typed in (str(secret), "/etc/hostname"):  # what the API and the console pass on
        with pytest.raises(PolicyError) as error:
            check_policy(labelled, typed)
        assert "YAML mapping" in str(error.value), "validated as policy text, not opened"
    with pytest.raises(PolicyError, match="does not exist"):  # the CLI passes a Path
        save_policy(labelled, tmp_path / "missing.yaml")
    assert active_policy(labelled)[1] is None, "nothing was stored"
