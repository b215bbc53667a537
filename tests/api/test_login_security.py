"""Guessing passwords: throttling per account and per address with a growing lockout (429 and
``Retry-After``, even for the right password), the same hashing for unknown users, and no
login posted from another site (API and console)."""

from __future__ import annotations

import contextlib
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from tandemdesk import accounts, accounts_admin, login_throttle
from tandemdesk.errors import TooManyAttemptsError, UnauthenticatedError
from tandemdesk.models import LoginThrottle
from tandemdesk.timeutil import utcnow
from tests.api.conftest import Api, assert_error

GOOD = "a good password"


def _session(api: Api, username: str, password: str, **headers: str) -> Any:
    api.client.cookies.clear()
    return api.client.post(
        "/v1/session", json={"username": username, "password": password}, headers=headers
    )


def _expire_locks(api: Api) -> None:
    """Time passing, as the store sees it: every lockout ends now."""
    with api.shop.workspace.sessions.begin() as session:
        session.execute(update(LoginThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
    login_throttle.forget_remembered(api.shop.workspace)


def test_after_n_failures_the_account_is_locked_even_for_the_right_password(api: Api) -> None:
    workspace = api.shop.workspace
    accounts.create_user(workspace, "sue@example.org", GOOD, "supervisor")
    limit = workspace.settings.login_max_failures
    for _ in range(limit - 1):
        assert_error(_session(api, "sue@example.org", "wrong"), 401, "unauthenticated")
    # the limit-th failure locks: 429 from now on, with the wait in seconds
    for _ in range(2):
        locked = _session(api, "SUE@example.org", "wrong")
        assert_error(locked, 429 if _ else 401)
    error = assert_error(_session(api, "sue@example.org", GOOD), 429, "too_many_attempts")
    retry = int(locked.headers["Retry-After"])
    assert 1 <= retry <= workspace.settings.login_lockout_seconds + 1
    assert error["details"]["retry_after"] >= 1 and "try again in" in error["message"]
    assert api.client.get("/v1/me").status_code == 401  # no session was opened
    _expire_locks(api)
    ok = _session(api, "sue@example.org", GOOD)
    assert ok.status_code == 200, ok.text
    # success clears the account's count: the next mistake is a plain 401 again
    assert_error(_session(api, "sue@example.org", "wrong"), 401, "unauthenticated")


def test_each_further_failure_doubles_the_lockout_up_to_the_cap(api: Api) -> None:
    workspace = api.shop.workspace
    limit = workspace.settings.login_max_failures
    waits = []
    for _ in range(limit + 3):
        with contextlib.suppress(UnauthenticatedError):
            accounts.login(workspace, "nobody@example.org", "guess", "203.0.113.9")
        with workspace.sessions() as session:
            row = session.scalars(
                select(LoginThrottle).where(LoginThrottle.kind == "account")
            ).one()
        if row.locked_until is not None and row.locked_until > row.last_failure_at:
            waits.append(round((row.locked_until - row.last_failure_at).total_seconds()))
        _expire_locks(api)
    base = workspace.settings.login_lockout_seconds
    assert waits == [base, 2 * base, 4 * base, 8 * base]
    rules = login_throttle.Rules.from_settings(workspace.settings)
    assert rules.lockout("account", limit + 60) == timedelta(seconds=rules.cap_seconds)


def test_one_address_guessing_many_accounts_is_locked(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-address count: different usernames each time, same client."""
    workspace = api.shop.workspace
    monkeypatch.setattr(workspace.settings, "login_address_max_failures", 4)
    accounts.create_user(workspace, "sue@example.org", GOOD, "supervisor")
    for n in range(3):
        assert_error(_session(api, f"user{n}@example.org", "guess"), 401, "unauthenticated")
    assert_error(_session(api, "user9@example.org", "guess"), 401)  # the 4th failure locks
    locked = _session(api, "sue@example.org", GOOD)
    assert_error(locked, 429, "too_many_attempts")
    assert int(locked.headers["Retry-After"]) >= 1
    # another address is not affected (the test client is "testclient"; this is another one)
    accounts.login(workspace, "sue@example.org", GOOD, address="198.51.100.7")


def test_a_throttled_attempt_hashes_nothing_and_an_unknown_user_hashes_the_same(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = api.shop.workspace
    accounts.create_user(workspace, "sue@example.org", GOOD, "supervisor")
    checked: list[str] = []
    real = accounts.verify_password

    def spy(password: str, stored: str) -> bool:
        checked.append(stored)
        return real(password, stored)

    monkeypatch.setattr(accounts, "verify_password", spy)
    assert_error(_session(api, "sue@example.org", "wrong"), 401)
    assert_error(_session(api, "ghost@example.org", "wrong"), 401)
    known, unknown = checked
    # the same scheme and cost parameters: scrypt over a 16-byte salt, a 64-byte digest
    assert known.split("$")[0] == unknown.split("$")[0] == "scrypt"
    assert [len(part) for part in known.split("$")] == [len(p) for p in unknown.split("$")]
    assert unknown == accounts._dummy_hash()  # the same dummy every time, hashed once
    # an unknown name is throttled like a known one, and a locked attempt hashes nothing
    monkeypatch.setattr(workspace.settings, "login_max_failures", 3)
    assert_error(_session(api, "ghost@example.org", "wrong"), 401)  # 2nd failure
    assert_error(_session(api, "ghost@example.org", "wrong"), 401)  # 3rd: locks
    before = len(checked)
    assert_error(_session(api, "ghost@example.org", "wrong"), 429, "too_many_attempts")
    assert len(checked) == before  # refused before any hashing


def test_the_throttle_is_shared_through_the_store(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    """What one process counted, another refuses (``serve --workers N``): the state is rows.
    The operator's log says a key was locked, never whose."""
    workspace = api.shop.workspace
    caplog.set_level(logging.WARNING, logger="tandemdesk.login_throttle")
    for _ in range(workspace.settings.login_max_failures):
        with pytest.raises(UnauthenticatedError):
            accounts.login(workspace, "ann@example.org", "guess")
    with pytest.raises(TooManyAttemptsError) as refused:
        accounts.login(workspace, "Ann@Example.org ", "guess")
    assert refused.value.details["retry_after"] >= 1
    with workspace.sessions() as session:  # keys are digests: no login name is stored
        keys = session.scalars(select(LoginThrottle.key_hash)).all()
    assert keys and all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)
    assert "account" in caplog.text and "locked for" in caplog.text
    assert "ann" not in caplog.text.lower()


def test_login_from_another_site_is_refused(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "sue@example.org", GOOD, "supervisor")
    cross = _session(api, "sue@example.org", GOOD, origin="https://evil.example")
    assert_error(cross, 403, "forbidden")
    fetch = _session(api, "sue@example.org", GOOD, **{"sec-fetch-site": "cross-site"})
    assert_error(fetch, 403, "forbidden")
    same = _session(api, "sue@example.org", GOOD, origin="http://testserver")
    assert same.status_code == 200, same.text
    # behind a proxy that sends its own Host, the browser's host is X-Forwarded-Host
    proxied = _session(api, "sue@example.org", GOOD, origin="https://desk.example.com",
                       **{"x-forwarded-host": "desk.example.com"})  # fmt: skip
    assert proxied.status_code == 200, proxied.text


def _form_token(api: Api) -> str:
    page = api.client.get("/login")
    found = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert found is not None, page.text
    return found.group(1)


def test_console_login_needs_its_form_token_and_says_when_locked(api: Api) -> None:
    workspace = api.shop.workspace
    accounts.create_user(workspace, "sue@example.org", GOOD, "supervisor")
    good = {"username": "sue@example.org", "password": GOOD}
    api.client.cookies.clear()
    # a cross-site post: no form cookie (SameSite=Strict), no token it could read
    forged = api.client.post("/login", data=good, follow_redirects=False)
    assert forged.status_code == 403 and "another site" in forged.text
    assert "tandemdesk_session" not in forged.cookies
    stolen = _form_token(api)
    api.client.cookies.clear()  # the attacker's token, without the victim's cookie
    forged = api.client.post("/login", data={**good, "login_csrf": stolen}, follow_redirects=False)
    assert forged.status_code == 403
    token = _form_token(api)
    cross = api.client.post("/login", data={**good, "login_csrf": token},
                            headers={"origin": "https://evil.example"}, follow_redirects=False)  # fmt: skip
    assert cross.status_code == 403
    for _ in range(workspace.settings.login_max_failures):
        wrong = api.client.post(
            "/login", data={**good, "password": "x", "login_csrf": _form_token(api)}
        )
        assert wrong.status_code == 401 and "wrong username or password" in wrong.text
    locked = api.client.post("/login", data={**good, "login_csrf": _form_token(api)})
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) >= 1
    assert "Too many failed logins" in locked.text and "try again" in locked.text
    _expire_locks(api)
    ok = api.client.post("/login", data={**good, "login_csrf": _form_token(api), "next": "//evil.example"},
                         follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303 and ok.headers["location"] == "/"


def test_reactivating_a_locked_user_lets_them_in_at_once(api: Api) -> None:
    """The admin's way out of a lockout: reactivate clears the count, here and in memory."""
    workspace = api.shop.workspace
    accounts.create_user(workspace, "sue@example.org", GOOD, "supervisor")
    for _ in range(workspace.settings.login_max_failures):
        with contextlib.suppress(UnauthenticatedError):
            accounts.login(workspace, "sue@example.org", "guess")
    with pytest.raises(TooManyAttemptsError):
        accounts.login(workspace, "sue@example.org", GOOD)  # read from the store, remembered
    with pytest.raises(TooManyAttemptsError):
        login_throttle.check_remembered(workspace, "sue@example.org", None)  # no query
    accounts_admin.set_active(workspace, "sue@example.org", active=True)
    assert accounts.login(workspace, "sue@example.org", GOOD)
