"""Property-based probing of the whole API from its own OpenAPI document (a developer's
tool: the test suite and ``bench/fuzz_api.py`` run it; needs the ``dev`` extra).

For every operation ``/openapi.json`` lists, Schemathesis generates requests that follow the
schema (positive) and requests that break it (negative: wrong types, missing fields, values
out of range); each is sent once per credential — no token and each role's — and the answer
is held to two rules: never a 5xx (nor an exception escaping the app, which a real server
turns into a dropped connection), and every error in the one shape
``{"error": {"code", "message", "details"}}``.

Destructive operations (DELETE, revoke, deactivate) run last, so the credentials stay
valid for the rest of the run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from starlette.testclient import TestClient

BASE_URL = "http://testserver"
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
_DESTRUCTIVE = ("revoke", "deactivate", "reactivate")
Operation = APIOperation[Any, Any, Any, Any]
Generated = Case[Any]


@dataclass(frozen=True)
class Finding:
    """One answer that broke a rule (no body text: it may hold what was generated)."""

    operation: str
    credential: str
    status: int
    problem: str

    def __str__(self) -> str:
        return f"{self.operation} as {self.credential}: {self.status} {self.problem}"


@dataclass
class FuzzReport:
    """What a run sent and how it was answered."""

    cases: int = 0  # requests sent and answered (or crashed)
    unsendable: int = 0  # generated requests the HTTP client itself refused to build
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[Finding] = field(default_factory=list)
    shape_violations: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.server_errors and not self.shape_violations

    def summary(self) -> str:
        top = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return (
            f"cases={self.cases} 5xx={len(self.server_errors)} "
            f"shape_violations={len(self.shape_violations)} unsendable={self.unsendable} "
            f"statuses={{{top}}}"
        )


def operations(app: Any) -> list[Operation]:
    """Every operation of the app's OpenAPI document, destructive ones last."""
    schema = schemathesis.openapi.from_dict(app.openapi())
    found = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]

    def last(operation: Operation) -> tuple[bool, str]:
        destructive = operation.method.upper() == "DELETE" or any(
            word in operation.path for word in _DESTRUCTIVE
        )
        return destructive, operation.label

    return sorted(found, key=last)


def error_shape_problem(body: Any) -> str | None:
    """Why ``body`` is not ``{"error": {"code", "message", "details"}}``, or None."""
    if not isinstance(body, dict) or set(body) != {"error"}:
        return "not {'error': …}"
    error = body["error"]
    if not isinstance(error, dict) or set(error) != {"code", "message", "details"}:
        return "error lacks exactly code, message, details"
    if not isinstance(error["code"], str) or not error["code"]:
        return "code is not a string"
    if not isinstance(error["message"], str) or not error["message"]:
        return "message is empty"
    if not isinstance(error["details"], dict):
        return "details is not an object"
    return None


def _request_kwargs(case: Generated, headers: Mapping[str, str]) -> dict[str, Any]:
    kwargs = case.as_transport_kwargs(base_url=BASE_URL)
    sent_headers = {
        k: v
        for k, v in (kwargs.get("headers") or {}).items()
        if k.lower() not in ("authorization", "cookie", "x-schemathesis-testcaseid")
    }
    sent_headers.update(headers)
    request: dict[str, Any] = {
        "method": kwargs["method"],
        "url": kwargs["url"],
        "params": kwargs.get("params") or None,
        "headers": sent_headers,
    }
    if "json" in kwargs:
        request["json"] = kwargs["json"]
    elif kwargs.get("data") is not None:
        data = kwargs["data"]
        request["content"] = data if isinstance(data, bytes | str) else json.dumps(data)
    return request


def send(
    client: TestClient,
    case: Generated,
    credential: str,
    headers: Mapping[str, str],
    report: FuzzReport,
) -> None:
    """Send one case with one credential and record how it was answered."""
    label = f"{case.operation.method.upper()} {case.operation.path}"
    try:
        request = _request_kwargs(case, headers)
        prepared = client.build_request(**request)
    except Exception:  # the client cannot encode it (e.g. a header outside Latin-1)
        report.unsendable += 1
        return
    report.cases += 1
    try:
        response = client.send(prepared)
    except Exception as error:  # escaped the app: a real server drops the connection
        report.statuses[599] += 1
        report.server_errors.append(Finding(label, credential, 599, type(error).__name__))
        return
    report.statuses[response.status_code] += 1
    if response.status_code < 400:
        return
    try:
        problem = error_shape_problem(response.json())
    except ValueError:
        problem = f"not JSON ({response.headers.get('content-type', '-')})"
    code = ""
    if problem is None:
        code = str(response.json()["error"]["code"])
    if response.status_code >= 500:
        report.server_errors.append(Finding(label, credential, response.status_code, code))
    if problem is not None:
        report.shape_violations.append(Finding(label, credential, response.status_code, problem))


def probe(
    client: TestClient,
    credentials: Mapping[str, Mapping[str, str]],
    examples: int,
    *,
    report: FuzzReport | None = None,
    modes: Sequence[GenerationMode] = MODES,
    random_seed: int | None = None,
    only: Callable[[Operation], bool] | None = None,
) -> FuzzReport:
    """Up to ``examples`` generated cases per operation and mode, each sent with every
    credential. ``random_seed`` None: the same cases every run (derandomized, as the test
    suite wants); a number: other cases, reproducibly."""
    report = report or FuzzReport()
    app = client.app
    for operation in operations(app):
        if only is not None and not only(operation):
            continue
        for mode in modes:
            _probe_operation(client, operation, mode, credentials, examples, report, random_seed)
    return report


def _raw_bytes(_: Any, value: Any) -> bytes:
    """A generated body for a media type Schemathesis has no serializer for (an e-mail as
    ``message/rfc822``, a CSV): its text as UTF-8, whatever was generated."""
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text.encode("utf-8", "replace")


def _serializable(operation: Operation) -> None:
    """Register a raw serializer for the operation's unusual body media types."""
    for media_type in operation.get_request_payload_content_types():
        if not any(known in media_type for known in ("json", "form", "multipart")):
            schemathesis.serializer(media_type)(_raw_bytes)


def _probe_operation(
    client: TestClient,
    operation: Operation,
    mode: GenerationMode,
    credentials: Mapping[str, Mapping[str, str]],
    examples: int,
    report: FuzzReport,
    random_seed: int | None,
) -> None:
    _serializable(operation)
    strategy = operation.as_strategy(generation_mode=mode)

    @settings(
        max_examples=examples,
        derandomize=random_seed is None,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Generated) -> None:
        for credential, headers in credentials.items():
            send(client, case, credential, headers, report)

    if random_seed is not None:
        run = seed(random_seed)(run)
    with suppress(Unsatisfiable):  # nothing to break: no parameters and no body
        run()
