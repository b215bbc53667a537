"""Inbound mail over IMAP, measured: a real Dovecot mailbox of N mails (default 5,000, the
demo's customers writing in their own words), read by the poller and handled end to end —
parsed, threaded, stored, understood, decided and answered — then marked seen.

Prints mails/s for the whole run (and for appending, for scale). Needs Debian's Dovecot
(``apt-get install -y dovecot-imapd``) and a workspace with models, e.g. a scratch demo:

    TANDEMDESK_DATABASE_URL=sqlite:////tmp/im/demo.db TANDEMDESK_WORKSPACE_DIR=/tmp/im/ws \\
        .venv/bin/tandemdesk init --demo
    TANDEMDESK_DATABASE_URL=sqlite:////tmp/im/demo.db TANDEMDESK_WORKSPACE_DIR=/tmp/im/ws \\
        .venv/bin/python bench/imap_inbound.py [--mails 5000]
"""

from __future__ import annotations

import argparse
import imaplib
import sys
import time
from email.message import EmailMessage
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/channels/dovecot.py

from tandemdesk.channels.mailbox import MailboxSettings, connect, poll_once
from tandemdesk.config import get_settings
from tandemdesk.demo.living import Shop, shop_messages
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.workspace import open_workspace
from tests.channels import dovecot


def _mails(workspace, count: int) -> list[bytes]:  # type: ignore[no-untyped-def]
    mails = []
    for n, body in enumerate(islice(shop_messages(Shop.load(workspace), seed=11), count)):
        customer = body["customer"]
        msg = EmailMessage()
        msg["From"] = str(customer.get("email") or f"visitor{n}@mail.example")
        msg["To"] = "support@northwind-outfitters.example"
        msg["Subject"] = "Question"
        msg["Message-ID"] = f"<bench-{n}@mail.example>"
        msg.set_content(str(body["text"]))
        mails.append(bytes(msg))
    return mails


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mails", type=int, default=5000)
    args = parser.parse_args()
    if not dovecot.available():
        sys.exit("needs Debian's Dovecot: apt-get install -y dovecot-imapd")
    workspace = open_workspace(get_settings())
    orchestrator = Orchestrator(workspace)
    mails = _mails(workspace, args.mails)
    with dovecot.dovecot() as server:
        conn = imaplib.IMAP4(server.host, server.port)
        conn.login("support", dovecot.PASSWORD)
        start = time.perf_counter()
        for raw in mails:
            conn.append("INBOX", None, None, raw)
        conn.logout()
        appended = time.perf_counter() - start
        settings = MailboxSettings.from_url(server.url())
        reader = connect(settings)
        start = time.perf_counter()
        handled = 0
        while True:
            report = poll_once(reader, settings, workspace, orchestrator.handle)
            handled += report.handled + report.auto_replies + report.ours
            if report.fetched == 0:
                break
        elapsed = time.perf_counter() - start
        reader.logout()
    print(f"mailbox of {len(mails)} mails (appended at {len(mails) / appended:,.0f}/s)")
    print(f"handled {handled} in {elapsed:.1f} s = {handled / elapsed:,.1f} mails/s "
          "(parse, thread, store, understand, decide, answer, mark seen)")  # fmt: skip


if __name__ == "__main__":
    main()
