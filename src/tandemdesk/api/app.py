"""The HTTP service: ``create_app(workspace)`` builds the FastAPI app the CLI's ``serve``
runs and the tests call. Routes are thin (parse, call one function, render); the console's
pages are mounted beside the JSON API and share its auth and error handling.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tandemdesk import events
from tandemdesk.api import (
    routes_accounts,
    routes_conversations,
    routes_customers,
    routes_delivery,
    routes_health,
    routes_insights,
    routes_messages,
    routes_pii,
    routes_policy_history,
    routes_recovery,
    routes_topics,
)
from tandemdesk.api.docs_pages import mount_docs
from tandemdesk.api.edge import install_edge
from tandemdesk.api.errors import install_error_handlers
from tandemdesk.api.metrics import MetricsMiddleware
from tandemdesk.api.recovery_task import recover_periodically
from tandemdesk.api.services import Services
from tandemdesk.api.store_errors import install_store_errors
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.workspace import Workspace

SIMULATE_ENV = "TANDEMDESK_SERVE_SIMULATE_PER_WORKER"  # set by ``serve`` for its workers
CACHE_EVENTS = ("knowledge.changed", "policy.changed")  # what the orchestrator caches
API_DESCRIPTION = """Empathy at scale for customer support: post every customer message to
`/v1/messages` and get back what tandemdesk decided and why. Authenticate with
`Authorization: Bearer <token>` (`tandemdesk tokens create --role ROLE`). Errors always have
the shape `{"error": {"code", "message", "details"}}`."""


def create_app(
    workspace: Workspace,
    orchestrator: Orchestrator | None = None,
    simulate_per_minute: float = 0.0,
    deliver: bool = False,
) -> FastAPI:
    """The app; ``simulate_per_minute`` > 0 feeds the demo's simulated customer messages
    through the real handling path while it runs (``tandemdesk serve --simulate``);
    ``deliver`` runs the delivery outbox on a thread of this process (``serve`` on SQLite,
    ``channels.worker.serve_delivers``)."""
    services = Services.build(workspace, orchestrator)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # build the knowledge base now, not on the first customer's message
        await asyncio.to_thread(lambda: services.orchestrator.kb)
        # Models, vocabularies and the KB are hundreds of thousands of long-lived objects:
        # left to the garbage collector, each full collection rescans them all (~130 ms,
        # a pause every batch waiting behind it feels). Frozen, only new objects are scanned.
        gc.collect()
        gc.freeze()
        await services.batcher.start()
        stale = services.orchestrator.mark_stale
        unsubscribe = [events.subscribe(name, lambda *_: stale()) for name in CACHE_EVENTS]
        # every decision counts, whoever asked for it (the API, --simulate, a retry)
        decided = services.metrics.decisions
        unsubscribe.append(
            events.subscribe("decision.made", lambda _, made: decided.labels(made["action"]).inc())
        )
        # crash leftovers and failed messages, handled again at start and periodically
        every = workspace.settings.recovery_interval_seconds
        recovering = asyncio.create_task(
            recover_periodically(services.batcher, services.orchestrator, every), name="recovery"
        )
        # people (issue 16): seats freed by resolving or handing on, and by time (breaks
        # ending, agents idle), go to the waiting list's most pressing conversation
        from tandemdesk.people.waiting import install, keep_serving

        unsubscribe += install(workspace)
        serving = asyncio.create_task(keep_serving(workspace), name="waiting-list")
        delivery = None
        if deliver:
            from tandemdesk.channels.worker import InProcessDelivery

            delivery = InProcessDelivery(workspace)
            delivery.start()
        stream = None
        if simulate_per_minute > 0:
            from tandemdesk.demo.stream import simulate

            stream = asyncio.create_task(  # the workspace's customers; a team resolves
                simulate(services.batcher.submit, simulate_per_minute, workspace=workspace)
            )
        try:
            yield
        finally:
            if stream is not None:
                stream.cancel()
            if delivery is not None:
                await asyncio.to_thread(delivery.close)
            for stop in unsubscribe:
                stop()
            recovering.cancel()
            serving.cancel()
            await asyncio.gather(recovering, return_exceptions=True)
            await services.batcher.stop()

    app = FastAPI(
        title="tandemdesk",
        docs_url=None,  # served offline by docs_pages.mount_docs
        redoc_url=None,
        version="0.1.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    mount_docs(app)
    for module in (
        routes_health,
        routes_accounts,
        routes_messages,
        routes_recovery,
        routes_conversations,
        routes_customers,
        routes_insights,
        routes_policy_history,
        routes_delivery,
        routes_pii,
        routes_topics,
    ):
        app.include_router(module.router)
    from tandemdesk.api import routes_people

    app.include_router(routes_people.router)  # presence, breaks, waiting list, wellbeing
    from tandemdesk.api import routes_widget
    from tandemdesk.web import console, console_deliveries, console_recovery

    app.include_router(routes_widget.router)  # the chat widget: script, visitor API, keys
    from tandemdesk.api import routes_inbound

    app.include_router(routes_inbound.router)  # raw e-mail posted by a mail provider
    console.mount(app)
    from tandemdesk.web import console_pii

    app.include_router(console_pii.router)  # reveals of masked card data
    app.include_router(console_deliveries.router)  # outbox, dead letters, webhooks
    app.include_router(console_recovery.router)
    from tandemdesk.api import routes_learning
    from tandemdesk.web import console_learning

    app.include_router(routes_learning.router)  # suggestions, draft acceptance
    app.include_router(console_learning.router)
    from tandemdesk.web import console_topics

    app.include_router(console_topics.router)  # topics, the voice of the customer
    from tandemdesk.web import console_wellbeing

    console_wellbeing.mount(app)  # wellbeing (leads), presence and breaks, activity as presence
    app.add_middleware(MetricsMiddleware, metrics=services.metrics)
    install_store_errors(app)  # the store's refusals in the one error shape, logged safely
    install_edge(
        app,
        workspace.settings.max_request_bytes,
        larger={"/v1/inbound/email": workspace.settings.max_email_bytes},
    )  # outermost: log, limit, catch
    return app


def app_from_environment() -> FastAPI:
    """The app of one ``serve --workers N`` worker process (uvicorn calls this factory in each):
    the workspace from the settings' environment, the worker's share of the simulation."""
    from tandemdesk.channels.worker import serve_delivers
    from tandemdesk.config import get_settings
    from tandemdesk.logs import configure_logging
    from tandemdesk.workspace import open_workspace

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)  # a spawned worker starts bare
    per_minute = float(os.environ.get(SIMULATE_ENV) or 0)
    workspace = open_workspace(settings)
    deliver = serve_delivers(workspace.settings, workspace.engine.dialect.name)
    return create_app(workspace, simulate_per_minute=per_minute, deliver=deliver)
