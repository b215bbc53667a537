"""The understanding helper process: same answers as the caller's own pipeline, and never
in the way — busy, refused or dead, the caller is told to do the work itself."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from tandemdesk.understand import helper as helper_module
from tandemdesk.understand.helper import UnderstandingHelper, usable_cores
from tandemdesk.understand.pipeline import Pipeline

pytestmark = pytest.mark.skipif(usable_cores() < 2, reason="the helper needs a second core")

TEXTS = [
    "Where is my order? It was due on Monday.",
    "I am furious, this is the third time I write!!!",
    "Bonjour, je voudrais changer mon adresse de livraison.",
    "Call me on +44 20 7946 0958 please",
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture
def helper(pipeline: Pipeline) -> Iterator[UnderstandingHelper]:
    started = UnderstandingHelper.start(pipeline)
    assert started is not None, "Linux forks, and there is a second core"
    yield started
    started.close()


def test_the_helper_answers_what_the_pipeline_would(
    helper: UnderstandingHelper, pipeline: Pipeline
) -> None:
    ticket = helper.submit(TEXTS)
    assert ticket is not None
    answers = ticket.results()
    assert list(answers) == TEXTS
    expected = pipeline.understand(TEXTS)
    assert [answers[t].to_dict() for t in TEXTS] == [u.to_dict() for u in expected]
    assert ticket.results() == {}, "an answer is handed over once"


def test_one_batch_at_a_time(helper: UnderstandingHelper) -> None:
    first = helper.submit(TEXTS[:1])
    assert first is not None
    assert helper.submit(TEXTS[1:2]) is None, "busy: the second batch understands alone"
    assert list(first.results()) == TEXTS[:1]
    second = helper.submit(TEXTS[1:2])
    assert second is not None and list(second.results()) == TEXTS[1:2]
    dropped = helper.submit(TEXTS[2:3])
    assert dropped is not None
    dropped.drop()  # a batch that failed before using it frees the helper
    assert helper.submit(TEXTS[3:]) is not None


def test_texts_the_pipeline_refuses_come_back_empty(helper: UnderstandingHelper) -> None:
    ticket = helper.submit(["where is my order", "   "])
    assert ticket is not None
    assert ticket.results() == {}  # the caller's own call raises the pipeline's error
    again = helper.submit(TEXTS[:2])
    assert again is not None and list(again.results()) == TEXTS[:2], "still serving"


def test_a_dead_helper_is_not_used_again(helper: UnderstandingHelper) -> None:
    ticket = helper.submit(TEXTS)
    assert ticket is not None
    helper._process.kill()
    helper._process.join()
    assert ticket.results() == {}
    assert helper.submit(TEXTS) is None


def test_a_stuck_helper_is_given_up(
    helper: UnderstandingHelper, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helper_module, "ANSWER_SECONDS", 0.2)
    os.kill(helper._process.pid, signal.SIGSTOP)  # stopped: it will never answer
    ticket = helper.submit(TEXTS)
    assert ticket is not None
    assert ticket.results() == {}, "the caller understands the batch itself"
    assert helper.submit(TEXTS) is None
    assert not helper._process.is_alive(), "and the stuck helper is stopped"


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_helper_ends_with_its_parent(pipeline: Pipeline) -> None:
    """A parent killed outright (no clean-up: SIGKILL, the OOM killer) leaves no helper
    behind holding a copy of the models."""
    read, write = os.pipe()
    parent = os.fork()
    if parent == 0:  # pragma: no cover - the short-lived parent of a helper
        started = UnderstandingHelper.start(pipeline)
        os.write(write, str(started._process.pid if started else 0).encode())
        os._exit(0)
    os.waitpid(parent, 0)
    orphan = int(os.read(read, 32))
    assert orphan, "the helper started"
    deadline = time.monotonic() + 10
    while _running(orphan) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _running(orphan)
    if left:  # it holds the test run's output open: would hang whoever reads it
        os.kill(orphan, signal.SIGKILL)
    assert not left
