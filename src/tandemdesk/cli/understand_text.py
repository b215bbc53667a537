"""``tandemdesk understand``: what every component makes of a message, with its confidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from tandemdesk.cli.output import console, err_console, print_json
from tandemdesk.config import get_settings
from tandemdesk.errors import DatabaseError, UnusableInputError
from tandemdesk.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from tandemdesk.understand.pipeline import Understanding


def _read_messages(file: Path) -> list[str]:
    """One message per line, or JSONL objects with a ``text`` field."""
    if not file.is_file():
        raise UnusableInputError(f"no such file: {file}")
    try:
        lines = [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    except UnicodeDecodeError as e:
        raise UnusableInputError(f"{file} is not UTF-8 text") from e
    if file.suffix.lower() in {".jsonl", ".ndjson"}:
        try:
            return [str(json.loads(line)["text"]) for line in lines]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise UnusableInputError(f"{file}: every line needs a JSON object with text") from e
    return lines


def understand(
    text: str | None = typer.Argument(None, help="The message to understand."),
    file: Path | None = typer.Option(
        None, "--file", help="One message per line (or JSONL with text)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Show intent, language, emotion and distress, urgency, abuse, risk, small talk and
    requests for a person, and personal data."""
    if (text is None) == (file is None):
        raise UnusableInputError('give a message ("…") or --file FILE, not both')
    messages = [text] if text is not None else _read_messages(file)  # type: ignore[arg-type]
    workspace: Workspace | None
    try:
        workspace = open_workspace(get_settings())
    except DatabaseError:
        workspace = None
        if not as_json:
            err_console.print("[yellow]no workspace[/]: intent needs a trained model "
                              "(tandemdesk init --demo, or tandemdesk train)")  # fmt: skip
    from tandemdesk.learn.model_store import load_pipeline

    pipeline = load_pipeline(workspace)
    results = pipeline.understand(messages)
    if as_json:
        print_json([{"text": m, **r.to_dict()} for m, r in zip(messages, results, strict=True)])
        return
    from tandemdesk.decide import default_policy
    from tandemdesk.policies import active_policy

    policy = active_policy(workspace)[0] if workspace is not None else default_policy()
    for message, result in zip(messages, results, strict=True):
        render(message, result, policy.thresholds.distress)


def _distress(value: float, bar: float) -> str:
    """The score against the policy's bar, the one that sends a customer to a person (the
    model's own label, at 0.5, read "0.52 (distressed)" beside a policy that needs 0.60)."""
    if value >= bar:
        return f"{value:.2f} (distressed: at or over the policy's bar of {bar:.2f})"
    return f"{value:.2f} (under the policy's bar of {bar:.2f})"


def render(message: str, u: Understanding, distress_bar: float = 0.6) -> None:
    table = Table(title=message if len(message) < 100 else message[:100] + " …", show_header=False)
    language = u.language.label or "undetermined"
    table.add_row("language", f"{language} ({u.language.value:.2f})")
    if u.intent is None:
        table.add_row("intent", "no intent model in this workspace")
    else:
        top = ", ".join(f"{label} {p:.2f}" for label, p in u.intent.top_k[:3])
        verdict = (
            "none of the known intents (out of scope)"
            if u.intent.out_of_scope
            else "not sure (abstained)"
            if u.intent.abstained
            else u.intent.label
        )
        table.add_row("intent", f"{verdict} ({u.intent.confidence:.2f}); candidates: {top}")
        if u.intent.secondary:
            table.add_row("second intent", u.intent.secondary)
    emotions = ", ".join(f"{label} {p:.2f}" for label, p in u.emotion.emotions[:3])
    table.add_row("sentiment", u.emotion.sentiment)
    table.add_row("emotions", emotions or "none above threshold")
    table.add_row("distress", _distress(u.distress.value, distress_bar))
    rules = ", ".join(dict.fromkeys(e.detail.split(" (")[0] for e in u.urgency.evidence))
    table.add_row(
        "urgency", f"{u.urgency.label} ({u.urgency.value:.2f})" + (f"; {rules}" if rules else "")
    )
    abuse_evidence = ", ".join(e.text or e.detail for e in u.abuse.evidence if e.text)
    table.add_row(
        "abuse",
        f"{u.abuse.value:.2f}"
        + (" ABUSIVE" if u.abuse.label else "")
        + (f"; {abuse_evidence}" if abuse_evidence else ""),
    )
    risks = "; ".join(
        f"{category.replace('_', ' ')} {p:.2f}"
        + "".join(f" «{e.text}»" for e in u.risk.evidence if e.source == f"risk.{category}")
        for category, p in u.risk.categories
    )
    table.add_row("risk", risks or "none")
    acts = [f"small talk: {u.dialogue.small_talk}"] if u.dialogue.small_talk else []
    acts += ["asks for a person"] if u.dialogue.wants_person else []
    tried = u.dialogue.tried_words
    acts += [f"already tried or needs the shop «{'», «'.join(tried)}»"] if tried else []
    table.add_row("conversation", ", ".join(acts) or "a request")
    table.add_row("personal data", ", ".join(s.type for s in u.pii) or "none")
    if u.pii:
        table.add_row("redacted", u.redacted_text)
    console.print(table)
