"""A real IMAP server for tests and benchmarks: Debian's Dovecot, run in the foreground as a
private instance (its own config, folders and port on loopback; no system service touched).

``apt-get install -y dovecot-imapd`` provides it (``.ci/run`` installs it); tests skip with
that hint where it is missing. Any login with the password ``secret`` is a mailbox.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
PASSWORD = "secret"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
mail_uid = {uid}
mail_gid = {gid}
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def available() -> bool:
    return Path(DOVECOT).exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Imap:
    host: str
    port: int
    root: Path

    def url(self, user: str = "support", folder: str = "INBOX") -> str:
        return f"imap://{user}:{PASSWORD}@{self.host}:{self.port}/{folder}"


@contextmanager
def dovecot() -> Iterator[Imap]:
    """A running Dovecot with its files in a fresh folder (stopped and removed afterwards).

    Not under pytest's ``tmp_path``: that lies in a folder only root may enter, and Dovecot
    reads the mail as its own user."""
    import pwd
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="tandemdesk-dovecot-"))
    try:
        with _running(root, pwd.getpwnam("dovecot")) as server:
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def _running(root: Path, mail_owner: Any) -> Iterator[Imap]:
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for sub in ("mail", "home"):
        os.chown(root / sub, mail_owner.pw_uid, mail_owner.pw_gid)
    os.chmod(root, 0o755)
    port = _free_port()
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, port=port, password=PASSWORD,
                                    uid=mail_owner.pw_uid, gid=mail_owner.pw_gid))  # fmt: skip
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("dovecot did not listen within 20 s")
        yield Imap("127.0.0.1", port, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
