"""The understanding helper process: same answers as the caller's own pipeline, and never
in the way — busy, refused or dead, the caller is told to do the work itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tandemdesk.understand.helper import UnderstandingHelper
from tandemdesk.understand.pipeline import Pipeline

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
    assert started is not None, "Linux forks"
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
