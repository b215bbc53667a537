"""One source of truth for configuration.

Every setting comes from this class: environment variables prefixed ``TANDEMDESK_``, then a
``tandemdesk.toml``-free ``.env`` file in the working directory, then the defaults below. Each
field says what it is for, because ``docs/settings.md`` is checked against these descriptions.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime settings of a tandemdesk workspace."""

    model_config = SettingsConfigDict(env_prefix="TANDEMDESK_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///tandemdesk.db",
        description=(
            "Where the workspace is stored. SQLite (default, a file in the working directory) "
            "or PostgreSQL, e.g. postgresql+psycopg://user@host:5432/db."
        ),
    )
    workspace_dir: Path = Field(
        default=Path("tandemdesk-workspace"),
        description="Folder for trained models, the policy file and demo data files.",
    )
    import_batch_size: int = Field(
        default=500,
        ge=1,
        le=100_000,
        description=(
            "Conversations (or events, articles, agents) written per transaction during an "
            "import. A crash loses at most the batch in flight, never half a conversation."
        ),
    )
    max_message_chars: int = Field(
        default=100_000,
        ge=100,
        description=(
            "Longest message text kept. Longer texts are rejected at import with their line "
            "number, so a pasted log file cannot bloat the store."
        ),
    )
    support_addresses: list[str] = Field(
        default_factory=lambda: ["support@example.com"],
        description=(
            "Email addresses of the support team. Mail from these (or from a known agent) is "
            "an agent reply; the customer is then the recipient."
        ),
    )
    llm_base_url: str | None = Field(
        default=None,
        description=(
            "Optional OpenAI-compatible endpoint (e.g. http://localhost:8080/v1) that rewrites "
            "grounded answers in a warmer tone. Off by default; tandemdesk works fully without it."
        ),
    )
    llm_model: str = Field(default="local-model", description="Model name sent to the endpoint.")
    llm_api_key: str | None = Field(
        default=None, description="Bearer token for the endpoint, if any."
    )
    llm_timeout: float = Field(
        default=15.0,
        gt=0,
        description="Seconds to wait for the endpoint; on timeout the grounded answer is sent.",
    )
    second_opinion: Literal["off", "other_languages", "all"] = Field(
        default="off",
        description=(
            "Which messages a multilingual encoder reads again for distress and (with an "
            "intent model trained while it is on) intent: off, other_languages (not "
            "English) or all; 20-60 ms more per message read."
        ),
    )
    understanding_helper: bool = Field(
        default=True,
        description=(
            "Understand each burst of live messages in a helper process while the messages "
            "are stored and their context read (uses a second core; 11-16% faster per "
            "burst). `serve --workers N` with N > 1 turns it off: the workers use the cores."
        ),
    )
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description=(
            "Failed logins one account may have before it is locked for a while (429 with "
            "Retry-After); each further failure doubles the wait. Counted for unknown "
            "usernames too, so the answer never tells which accounts exist."
        ),
    )
    login_address_max_failures: int = Field(
        default=30,
        ge=1,
        description=(
            "Failed logins from one client address (any usernames) before that address is "
            "locked the same way; higher than per account, as an office shares an address."
        ),
    )
    login_lockout_seconds: float = Field(
        default=2.0,
        gt=0,
        description="The first lockout's length; it doubles with each further failure.",
    )
    login_lockout_max_seconds: float = Field(
        default=900.0,
        gt=0,
        description=(
            "The longest lockout. Failures are forgotten four times this long after the last "
            "one, and a successful login clears its account's count."
        ),
    )
    shared_data_dir: Path = Field(
        default=Path("../shared/data"),
        description="Public labelled data sets used by benchmarks and the tests that need them.",
    )
    # ---- the API's edge (issue 17): sizes refused with 413/422, and the server's log ----
    max_request_bytes: int = Field(
        default=4_194_304,
        ge=1024,
        description=(
            "Largest HTTP request body the server reads (bytes, default 4 MiB); a larger one "
            "is answered 413 too_large before it is read."
        ),
    )
    max_meta_bytes: int = Field(
        default=65_536,
        ge=256,
        description=(
            "Largest `meta` of a live message, and of each attachment entry and each event's "
            "`data`, as compact JSON (bytes, default 64 KiB); larger is refused with a 422."
        ),
    )
    max_attachments: int = Field(
        default=50,
        ge=0,
        le=1000,
        description="Most attachment entries one live message may list (a 422 beyond).",
    )
    max_policy_chars: int = Field(
        default=262_144,
        ge=1000,
        description=(
            "Longest policy text the API checks, shadows or makes live (characters, default "
            "256 Ki); the shipped policy is a few KiB."
        ),
    )
    log_level: str = Field(
        default="info",
        pattern=r"(?i)^(debug|info|warning|error|critical)$",
        description=(
            "What `serve` logs: `info` prints one line per request (method, route, status, "
            "duration, caller) and every server error with its traceback; `warning` only "
            "errors and failed requests."
        ),
    )
    log_format: str = Field(
        default="text",
        pattern=r"^(text|json)$",
        description="`text` (key=value lines) or `json` (one JSON object per line).",
    )
    # ---- incoming mail (issue 14): an IMAP mailbox the worker reads ----
    imap_url: str | None = Field(
        default=None,
        description=(
            "Incoming mail: imap://user:password@host:port/FOLDER (plain) or imaps://… (TLS, "
            "default port 993); `tandemdesk worker` (or `tandemdesk mail poll`) reads it."
        ),
    )
    imap_processed: str = Field(
        default="seen",
        pattern=r"^(seen|delete|move:.+)$",
        description="What happens to a mail once handled: `seen` (flag it), `delete`, or "
        "`move:FOLDER`.",
    )
    max_email_bytes: int = Field(
        default=41_943_040,
        ge=1024,
        description="Largest raw e-mail `POST /v1/inbound/email` takes (bytes, default 40 MiB: "
        "mail with 25 MB of attachments; attachments are listed, never stored).",
    )
    imap_poll_seconds: float = Field(
        default=30.0,
        gt=0,
        description="Seconds between mailbox checks (IDLE wakes up at once where offered).",
    )
    # ---- delivery (issue 14): outgoing mail, webhooks, the outbox worker ----
    smtp_url: str | None = Field(
        default=None,
        description=(
            "Outgoing mail server: smtp://[user:password@]host:port (plain), "
            "smtp+starttls://… (STARTTLS, default port 587) or smtps://… (TLS, 465). "
            "Without it, replies in e-mail conversations wait as failed deliveries."
        ),
    )
    mail_from: str = Field(
        default="Support <support@example.com>",
        description=(
            "Sender of outgoing mail, 'Team name <address>'. Bot replies carry the team's "
            "name, agent replies the agent's name at the same address."
        ),
    )
    mail_from_by_queue: dict[str, str] = Field(
        default_factory=dict,
        description='Sender per queue (JSON, e.g. {"billing": "Billing <billing@shop.example>"}).',
    )
    smtp_timeout: float = Field(
        default=30.0, gt=0, description="Seconds to wait for the mail server before retrying."
    )
    webhook_timeout: float = Field(
        default=10.0, gt=0, description="Seconds to wait for a webhook receiver before retrying."
    )
    delivery_max_attempts: int = Field(
        default=8,
        ge=1,
        le=100,
        description="Attempts before a delivery is dead (shown to supervisors to re-send).",
    )
    delivery_backoff_seconds: float = Field(
        default=30.0,
        ge=0,
        description=(
            "First retry delay; each further attempt doubles it (with jitter), capped by "
            "TANDEMDESK_DELIVERY_BACKOFF_MAX_SECONDS."
        ),
    )
    delivery_backoff_max_seconds: float = Field(
        default=3600.0, ge=0, description="Longest delay between two attempts of one delivery."
    )
    delivery_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        description=(
            "How long a worker holds a delivery it claimed; a worker killed mid-send loses it "
            "after this and another sends it (with the same Message-ID / delivery id)."
        ),
    )
    delivery_batch_size: int = Field(
        default=20, ge=1, le=1000, description="Deliveries a worker claims at once."
    )
    delivery_concurrency: int = Field(
        default=4, ge=1, le=64, description="Deliveries a worker sends at the same time."
    )
    delivery_poll_seconds: float = Field(
        default=0.2, gt=0, description="How often an idle worker looks for due deliveries."
    )
    serve_delivers: str = Field(
        default="auto",
        pattern="^(auto|on|off)$",
        description=(
            "Whether `serve` also sends deliveries in-process: auto (on with SQLite, off with "
            "PostgreSQL, where `tandemdesk worker` does it), on, or off."
        ),
    )

    # ---- recovery (issue 17): live messages a crash or a failure left waiting ----
    recovery_interval_seconds: float = Field(
        default=15.0,
        gt=0,
        description=(
            "How often `serve` (each worker) looks for live messages left waiting by a crash "
            "or a failure and handles them again; it also looks once at start."
        ),
    )
    recovery_lease_seconds: float = Field(
        default=60.0,
        gt=0,
        description=(
            "How long a message being handled is left alone by recovery; a message still "
            "pending after this was lost by a crash and is taken again. Never answered twice "
            "either way (one decision per message)."
        ),
    )
    recovery_max_attempts: int = Field(
        default=5,
        ge=1,
        le=100,
        description=(
            "Attempts before a failing message goes to the dead-letter list (`tandemdesk "
            "messages failed`); retries back off, doubling from the recovery interval."
        ),
    )
    # ---- PII protection (issue 17): card numbers and IBANs masked at rest ----
    pii_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key(s) that encrypt the original text of messages whose card numbers or IBANs "
            "are masked (Fernet keys, comma-separated: the first encrypts, all decrypt, for "
            "rotation). Unset: a key file pii.key in the workspace folder, created on first "
            "use. Set it when several machines share one PostgreSQL workspace."
        ),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own ``Settings``)."""
    return Settings()
