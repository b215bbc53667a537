"""The whole understanding of a message, with the shipped default models."""

from __future__ import annotations

import pytest

from tandemdesk.errors import InvalidRecordError
from tandemdesk.understand.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_every_part_is_there(pipeline: Pipeline) -> None:
    calm, upset, abusive, private = pipeline.understand(
        [
            "Could you tell me your opening hours? Thanks a lot.",
            "This is the third time I write!!! I am desperate, my rent is due "
            "and you charged me twice",
            "you useless idiot, I know where you live",
            "Please call me on +44 20 7946 0958, card 4111 1111 1111 1111",
        ]
    )
    assert calm.intent is None  # no intent model in a bare pipeline
    assert calm.language.label == "en"
    assert upset.distress.value > calm.distress.value + 0.2
    assert upset.urgency.label in {"high", "urgent"}
    assert {e.source for e in upset.urgency.evidence} >= {"rule.repeated_contact"}
    assert abusive.abuse.label == "abusive" and calm.abuse.label is None
    assert any(e.text for e in abusive.abuse.evidence)
    assert {s.type for s in private.pii} == {"PHONE", "CARD"}
    assert "4111" not in private.redacted_text and "[CARD]" in private.redacted_text
    assert private.to_dict()["pii"][0]["type"] in {"PHONE", "CARD"}


def test_bad_input_is_a_clear_error(pipeline: Pipeline) -> None:
    with pytest.raises(InvalidRecordError, match="message 2 has no text"):
        pipeline.understand(["fine", "   \n\t "])
    with pytest.raises(InvalidRecordError, match="limit"):
        pipeline.understand(["x" * 1_000_001])
    assert pipeline.understand([]) == []


def test_odd_but_valid_input_gets_a_sensible_result(pipeline: Pipeline) -> None:
    emoji, garbage, mixed, long = pipeline.understand(
        ["👍👍", "\x00\x01ÿþ\ufffd", "Danke! Merci! Спасибо!", "order " * 150_000]
    )
    assert emoji.language.abstained
    assert 0.0 <= garbage.distress.value <= 1.0
    assert mixed.language.label is not None or mixed.language.abstained
    assert long.abuse.label is None


def test_to_dict_is_the_full_dataclass(pipeline: Pipeline) -> None:
    """The hand-written ``to_dict`` (fast) must say exactly what ``asdict`` says."""
    import json
    from dataclasses import asdict

    for understood in pipeline.understand(
        ["you idiot, I will sue you, call +44 20 7946 0958", "Danke!"]
    ):
        full = asdict(understood)
        full["pii"] = [{"type": s.type, "start": s.start, "end": s.end} for s in understood.pii]
        # risk and dialogue add derived fields (the strongest risk's value and label)
        assert full["risk"]["categories"] == understood.risk.categories
        full["risk"], full["dialogue"] = understood.risk.to_dict(), understood.dialogue.to_dict()
        assert json.loads(json.dumps(understood.to_dict())) == json.loads(json.dumps(full))
