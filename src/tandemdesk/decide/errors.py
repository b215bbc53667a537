"""Expected failures of the decide stage.

A policy file is written by people, so every mistake in it must come back as a sentence
that names the line, the field and what is allowed — never a traceback. ``PolicyError``
subclasses the project root so the CLI prints it as one message and the API renders the one
JSON error shape; ``details["problems"]`` lists every problem found, not just the first.
"""

from __future__ import annotations

from tandemdesk.errors import TandemError


class PolicyError(TandemError):
    """A decision policy cannot be used: unreadable, not YAML, or not a valid policy."""

    code = "policy_invalid"
    http_status = 422
