"""Every operation of ``/openapi.json``, fuzzed with and without each role's token, on
SQLite and PostgreSQL: no 5xx, every error in the one shape (``tandemdesk.api.fuzz``).

A few examples per operation and mode keep it quick; ``bench/fuzz_api.py`` runs the long
version (10,000+ cases) and prints the counts.
"""

from __future__ import annotations

from tandemdesk.api.fuzz import probe
from tests.api.conftest import Api

EXAMPLES = 2


def credentials(api: Api) -> dict[str, dict[str, str]]:
    return {"anonymous": {}} | {role: api.as_role(role) for role in api.tokens}


def test_no_operation_answers_5xx_or_breaks_the_error_shape(api: Api) -> None:
    report = probe(api.client, credentials(api), EXAMPLES)
    print(report.summary())
    assert report.cases > 100
    assert not report.server_errors, "\n".join(map(str, report.server_errors[:20]))
    assert not report.shape_violations, "\n".join(map(str, report.shape_violations[:20]))
