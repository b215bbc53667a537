"""/docs and /redoc render in Chromium with the network cut: their assets come from the
fastapi-offline package served by tandemdesk, never from a CDN."""

from __future__ import annotations

import pytest

from tests.web.conftest import needs_chromium

pytestmark = needs_chromium


def _cut_the_network(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort every request that leaves the tandemdesk server; return the URLs it tried."""
    outside: list[str] = []

    def handle(route):  # type: ignore[no-untyped-def]
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.context.route("**/*", handle)
    return outside


@pytest.mark.parametrize(
    ("path", "rendered"),
    [("/docs", ".swagger-ui .info .title"), ("/redoc", "redoc-wrap, .redoc-wrap")],
)
def test_api_docs_render_offline(page, server, path: str, rendered: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    outside = _cut_the_network(page, server[0])
    page.goto(path)
    expect(page.locator(rendered).first).to_be_visible(timeout=15_000)
    expect(page.locator("body")).to_contain_text("/v1/messages", timeout=15_000)
    assert outside == [], f"the docs page tried to reach {outside}"
