"""``make demo`` run again keeps the workspace it made: the demo policy is stored once, and a
policy a lead made live afterwards stays live (issue 15: "run twice keeps the workspace")."""

from __future__ import annotations

from tandemdesk.decide.loading import default_policy_text
from tandemdesk.demo import people as demo_people
from tandemdesk.policies import active_policy_text, policy_history, save_policy
from tandemdesk.workspace import Workspace, init_workspace


def test_demo_people_keep_a_policy_made_live_after_the_first_run(workspace: Workspace) -> None:
    init_workspace(workspace.settings)
    first = demo_people.apply(workspace)
    assert first["policy_kept"] is False
    assert "people:" in active_policy_text(workspace)
    [made] = policy_history(workspace)
    assert made.created_by == "init --demo"
    lead = default_policy_text().replace("min_confidence: 0.8, answer: kb-invoices",
                                         "min_confidence: 0.95, answer: kb-invoices")  # fmt: skip
    assert lead != default_policy_text()
    live = save_policy(workspace, lead, by="maya")
    again = demo_people.apply(workspace)  # the second `make demo`
    assert again == {"policy_version": live.version, "policy_kept": True,
                     "shifts": len(demo_people.SHIFTS)}  # fmt: skip
    assert active_policy_text(workspace) == lead
    assert len(policy_history(workspace)) == 2
