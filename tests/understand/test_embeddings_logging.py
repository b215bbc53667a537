"""Loading the bundled WordLlama embeddings leaves the process's logging alone."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_embeddings_adds_no_log_handler() -> None:
    """``wordllama`` runs ``logging.basicConfig(level=INFO)`` when imported: every CLI
    command then printed INFO lines of other libraries on stderr. Run in a fresh process,
    where the library has not been imported yet."""
    probe = (
        "import logging\n"
        "from tandemdesk.understand.embeddings import WordLlamaEmbedder\n"
        "WordLlamaEmbedder()\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), root.level)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120)  # fmt: skip
    assert out.stdout.split() == ["0", str(30)], out
