"""``tandemdesk handle`` and ``tandemdesk policy …``: one message through the whole flow, and
the policy file users edit."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

policy_app = typer.Typer(help="Check, store and compare decision policies.", no_args_is_help=True)


def handle(
    text: str = typer.Argument(..., help="The customer's message."),
    customer: str = typer.Option(..., "--customer", help="The customer's email (or phone)."),
    channel: str = typer.Option("chat", "--channel", help="email, chat, web, phone, api …"),
    conversation: str | None = typer.Option(
        None,
        "--conversation",
        metavar="EXTERNAL_ID",
        help="The channel's id for the conversation (a ticket number, a chat session; not the "
        "number printed): the same id continues it, a new one starts it.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Run one message through listen → understand → decide → act and show what happened."""
    from pydantic import ValidationError

    from tandemdesk.errors import InvalidRecordError
    from tandemdesk.listen.delivery import Delivery
    from tandemdesk.listen.readers import describe
    from tandemdesk.listen.records import CustomerRef, MessageRecord
    from tandemdesk.orchestrator import Orchestrator

    try:
        ref = CustomerRef(email=customer) if "@" in customer else CustomerRef(phone=customer)
        delivery = Delivery(
            customer=ref,
            message=MessageRecord(text=text),
            channel=channel,
            conversation_external_id=conversation,
        )
    except ValidationError as error:  # a clear one-line error, as the API gives
        raise InvalidRecordError(describe(error)) from None
    workspace = open_workspace(get_settings())
    orchestrator = Orchestrator(workspace)
    try:
        result = orchestrator.handle(delivery)
    finally:
        orchestrator.close()
        workspace.close()
    if as_json:
        print_json(result.to_dict())
        return
    table = Table(
        show_header=False,
        title=f"Message {result.message_id} in conversation {result.conversation_id}",
    )
    table.add_row(
        "decision",
        f"[bold]{result.action}[/]" + (f" → queue {result.queue}" if result.queue else ""),
    )
    table.add_row("why", result.explanation)
    table.add_row("rule", result.rule_id)
    if result.reply:
        table.add_row("reply", result.reply)
    if result.answer and "item_id" in result.answer:
        table.add_row("grounded in", f"{result.answer['item_kind']} {result.answer['item_id']}")
    if result.routing_reason:
        table.add_row(
            "assigned to", f"{result.assigned_agent or 'nobody yet'}: {result.routing_reason}"
        )
    if result.handoff:
        table.add_row("handoff", str(result.handoff.get("summary", "")))
    console.print(table)


@policy_app.command("check")
def check(
    file: Path = typer.Argument(..., help="A policy YAML file."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Validate a policy file against this workspace's intents (nothing is changed)."""
    from tandemdesk.policies import check_policy_with_warnings

    policy, warnings = check_policy_with_warnings(open_workspace(get_settings()), file)
    summary = {
        "valid": True,
        "name": policy.name,
        "rules": [rule.id for rule in policy.rules],
        "automatable_intents": sorted(policy.automatable_intents),
        "hash": policy.content_hash,
        "warnings": warnings,
    }
    if as_json:
        print_json(summary)
        return
    console.print(f"[green]valid[/]: {policy.name} — {len(policy.rules)} rules, "
                  f"{len(policy.automatable_intents)} automatable intents")  # fmt: skip
    _print_warnings(warnings)


def _print_warnings(warnings: list[str], most: int = 20) -> None:
    """What in a valid policy will not work as written in this workspace: parts that never
    match (intents it does not have, a language name for a code), answers written for other
    intents, order facts no check guards. Warnings never stop a policy going live."""
    if not warnings:
        return
    console.print(f"[yellow]{len(warnings)} warning(s)[/] (read them before applying):")
    for warning in warnings[:most]:
        console.print(f"  {warning}", markup=False, highlight=False, soft_wrap=True)
    if len(warnings) > most:
        console.print(f"  … and {len(warnings) - most} more (--json lists them all)")


@policy_app.command("apply")
def apply(file: Path = typer.Argument(..., help="A policy YAML file.")) -> None:
    """Validate and store a policy as the next version and make it live. An invalid policy
    never replaces the working one."""
    from tandemdesk.policies import save_policy

    warnings: list[str] = []
    version = save_policy(
        open_workspace(get_settings()),
        file,
        by=_cli_user(),
        note=f"applied from {file.name}",
        warnings=warnings,
    )
    console.print(f"policy v{version.version} ({version.name}) is live")
    _print_warnings(warnings)


def _cli_user() -> str:
    """Who applied a policy from the command line, for the policy history."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


@policy_app.command("history")
def history(
    limit: int = typer.Option(20, min=1, max=500, help="Show at most this many versions."),
    diff: bool = typer.Option(False, "--diff", help="Show what each version changed."),
    as_json: bool = typer.Option(False, "--json", help="Print the history as JSON."),
) -> None:
    """List the stored policy versions, newest first: who, when, why, and which is live."""
    from tandemdesk.policies import policy_history

    entries = policy_history(open_workspace(get_settings()), limit)
    if as_json:
        print_json({"versions": [entry.to_dict() for entry in entries]})
        return
    if not entries:
        console.print("no policy stored yet: the shipped default is live (tandemdesk policy show)")
        return
    for entry in entries:
        live = " [green](live)[/]" if entry.active else ""
        who = entry.created_by or "unknown"
        why = f" — {entry.note}" if entry.note else ""
        console.print(
            f"v{entry.version}{live} {entry.name!r} {entry.created_at:%Y-%m-%d %H:%M} UTC "
            f"by {who}{why}",
            highlight=False,
        )
        if diff:
            console.print(entry.diff or "  (same text as the version before)", markup=False)


@policy_app.command("rollback")
def rollback(
    version: int = typer.Argument(..., min=1, help="The version whose text becomes live again."),
) -> None:
    """Make an earlier policy version live again (stored as a new version; validated first)."""
    from tandemdesk.policies import rollback_policy

    stored = rollback_policy(open_workspace(get_settings()), version, by=_cli_user())
    console.print(f"policy v{stored.version} ({stored.name}) is live: {stored.note}")


@policy_app.command("show")
def show() -> None:
    """Print the live policy (the shipped default until one is applied)."""
    from tandemdesk.policies import active_policy_text

    text = active_policy_text(open_workspace(get_settings()))
    typer.echo(text, nl=not text.endswith("\n"))  # show > file > apply adds no blank line


@policy_app.command("diff")
def diff(
    shadow: Path = typer.Option(
        ..., "--shadow", help="The candidate policy to run beside the live one."
    ),
    limit: int = typer.Option(2000, help="Replay at most this many of the newest stored messages."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Replay the stored history through the live and the candidate policy; show where and
    how often they would decide differently."""
    from tandemdesk.learn.shadow import shadow_report

    report = shadow_report(open_workspace(get_settings()), shadow, limit)
    if as_json:
        print_json(report.to_dict())
        return
    console.print(report.summary())
    console.print(report.actions_line())
    console.print(
        "[dim]  (the replay includes the history the model learnt from, read surer than new "
        "messages: compare the policies, not the automation rate)[/]"
    )
    for example in report.examples[:10]:
        console.print(f"- live [bold]{example.live.action}[/]: {example.live.explanation}")
        console.print(
            f"  shadow [bold]{example.candidate.action}[/]: {example.candidate.explanation}"
        )
