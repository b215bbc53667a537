"""The key that seals the original text of masked messages, and sealing itself.

Why encryption and not just another column: a backup, a replica, a support dump of the
``messages`` table or a curious ``SELECT`` then shows masked text and ciphertext only; the
original needs the key, which lives outside the database (a file in the workspace folder,
or the ``TANDEMDESK_PII_KEY`` setting). Fernet (the ``cryptography`` package) is
authenticated encryption with a versioned token format: a tampered or foreign token fails
to open instead of yielding garbage. ``MultiFernet`` lets keys rotate: the first key seals,
every key opens.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from tandemdesk.config import Settings
from tandemdesk.errors import ConfigError

KEY_FILE = "pii.key"


class PiiVault:
    """Seals and opens text with the workspace's PII key, loaded (or created) on first use,
    so commands that never meet a card number never touch the key."""

    def __init__(self, keys: list[bytes] | None = None, key_file: Path | None = None) -> None:
        self._keys = keys
        self._key_file = key_file
        self._fernet: MultiFernet | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_settings(cls, settings: Settings) -> PiiVault:
        if settings.pii_key is not None:
            raw = settings.pii_key.get_secret_value()
            keys = [part.strip().encode() for part in raw.split(",") if part.strip()]
            if not keys:
                raise ConfigError("TANDEMDESK_PII_KEY is set but empty")
            return cls(keys=keys)
        return cls(key_file=settings.workspace_dir / KEY_FILE)

    def _cipher(self) -> MultiFernet:
        with self._lock:
            if self._fernet is None:
                keys = self._keys if self._keys is not None else [self._load_or_create()]
                try:
                    self._fernet = MultiFernet([Fernet(key) for key in keys])
                except ValueError as e:
                    raise ConfigError(
                        "the PII key is not a Fernet key (32 url-safe base64-encoded bytes); "
                        "make one with: python -c 'from cryptography.fernet import Fernet; "
                        "print(Fernet.generate_key().decode())'"
                    ) from e
            return self._fernet

    def _load_or_create(self) -> bytes:
        """Read the key file, or create it atomically: several ``serve --workers`` processes
        may meet their first card number at once, and all must end up with one key."""
        path = self._key_file
        assert path is not None
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key() + b"\n")
            try:
                os.link(temporary, path)  # fails if another process won the race: use theirs
            except FileExistsError:
                pass
            finally:
                with contextlib.suppress(FileNotFoundError):
                    temporary.unlink()
        key = path.read_bytes().strip()
        if not key:
            raise ConfigError(f"the PII key file {path} is empty")
        return key

    def seal(self, text: str) -> str:
        """The encrypted form of ``text`` (ASCII, safe for any text column)."""
        return self._cipher().encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        """The text sealed in ``token``; a clear error when this workspace's key cannot."""
        try:
            return self._cipher().decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken as e:
            raise ConfigError(
                "this workspace's PII key cannot open the original (was pii.key replaced or "
                "TANDEMDESK_PII_KEY changed?)"
            ) from e
