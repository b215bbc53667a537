"""The delivery commands: the worker sends what is due (``--once``), dead letters are listed
and re-sent, webhooks made and deleted, bad input is one clear line and exit code 2."""

from __future__ import annotations

import json

from sqlalchemy import select
from typer.testing import CliRunner, Result

from tandemdesk import actions
from tandemdesk.cli import app
from tandemdesk.config import get_settings
from tandemdesk.models import Delivery
from tandemdesk.orchestrator import Orchestrator
from tests.channels.conftest import SECRET, Receiver, SmtpServer
from tests.channels.test_delivery import email_conversation


def run(*args: str, **env: str) -> Result:
    """The CLI in-process, reading its settings afresh with ``env`` added."""
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()


def test_worker_once_sends_and_dead_letters_can_be_listed_and_resent(
    shop: Orchestrator, smtp_server: SmtpServer
) -> None:
    workspace = shop.workspace
    reply_id = actions.do_reply(workspace, email_conversation(shop), "On its way.", "a1")
    failed = run("worker", "--once", "--no-recover", "--json",
                 TANDEMDESK_DELIVERY_MAX_ATTEMPTS="1")  # fmt: skip
    assert failed.exit_code == 0, failed.output
    assert json.loads(failed.output)["handled"] >= 1
    listed = run("deliveries", "list", "--json")
    dead = [d for d in json.loads(listed.output)["data"] if d["message_id"] == reply_id]
    assert dead and "TANDEMDESK_SMTP_URL" in dead[0]["last_error"]
    again = run("deliveries", "resend", str(dead[0]["id"]))
    assert again.exit_code == 0, again.output
    sent = run("worker", "--once", "--no-recover", TANDEMDESK_SMTP_URL=smtp_server.url)
    assert sent.exit_code == 0, sent.output
    with workspace.sessions() as session:
        assert session.scalar(select(Delivery.status).where(Delivery.message_id == reply_id)) == (
            "sent"
        )
    assert any("On its way." in str(m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
               for m in smtp_server.handler.mails)  # fmt: skip
    refused = run("deliveries", "resend", str(dead[0]["id"]))
    assert refused.exit_code == 2 and "only failed, dead or cancelled" in refused.output
    bad = run("worker", "--once", TANDEMDESK_SMTP_URL="http://mail.example")
    assert bad.exit_code == 2 and "smtp+starttls://" in bad.output


def test_webhooks_from_the_command_line(shop: Orchestrator, receiver: Receiver) -> None:
    made = run("webhooks", "create", receiver.url, "--event", "decision.made",
               "--secret", SECRET, "--json")  # fmt: skip
    assert made.exit_code == 0, made.output
    hook = json.loads(made.output)
    assert hook["secret"] == SECRET
    listed = json.loads(run("webhooks", "list", "--json").output)
    assert [h["id"] for h in listed["data"]] == [hook["id"]]
    wrong = run("webhooks", "create", receiver.url, "--event", "nope")
    assert wrong.exit_code == 2 and "unknown events" in wrong.output
    assert run("webhooks", "delete", str(hook["id"])).exit_code == 0
    assert json.loads(run("webhooks", "list", "--json").output)["count"] == 0
