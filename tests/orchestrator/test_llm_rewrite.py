"""The optional LLM rewrite inside the live flow: only redacted text leaves, and a rewrite
that loses a fact is never sent (the HTTP endpoint is a local fake; it is a third party's)."""

from __future__ import annotations

from tandemdesk.config import Settings
from tandemdesk.orchestrator import Orchestrator
from tests.act.test_llm import FakeModel, fake  # noqa: F401 - the local fake endpoint fixture
from tests.orchestrator.conftest import message


def test_rewrite_that_drops_facts_falls_back_to_the_grounded_answer(
    shop: Orchestrator,
    fake: tuple[FakeModel, str],  # noqa: F811
) -> None:
    model, url = fake
    model.content = "Hello! Your parcel is coming soon, no worries."  # tracking number dropped
    shop.workspace.settings = Settings(
        database_url=shop.workspace.settings.database_url, llm_base_url=url, llm_model="fake"
    )
    orchestrator = Orchestrator(shop.workspace, pipeline=shop.pipeline)
    result = orchestrator.handle(message("where is my order NW-5001? my email is mia@example.org"))
    assert result.action == "automate"
    assert result.reply is not None and "JJD0099887766" in result.reply
    assert result.answer is not None and result.answer["rewritten"] is False
    assert result.answer["rewrite_note"]
    [request] = model.requests
    sent = str(request["body"])
    assert request["body"]["model"] == "fake"
    assert "mia@example.org" not in sent and "Mia" not in sent
