"""The demo shop understands routine requests in words its phrase banks never used, in all
four languages, and answers them in the customer's language.

``tests/fixtures/demo_intents_fresh.jsonl`` holds messages written fresh, not from the phrase
banks: routine requests the default policy automates and look-alikes of other intents.
180 were written before the banks were widened, 45 per language, half ``tune`` (looked at
while widening) and half ``heldout`` (measured, not looked at message by message); 60 more
(``final``, 15 per language, in less usual words) were written afterwards and measured once.

Measured with ``init --demo``'s model (before → after the wider banks and the top-up):
held-out accuracy 0.81 → 0.90, routine requests right and sure enough to automate
0.52 → 0.79 (Spanish 0.42 → 0.67, French 0.33 → 0.67), confident wrong answers 0 → 0;
final 0.57 → 0.68, 0.28 → 0.65 (Spanish 0.00 → 0.30), 1 → 1. The bars below sit a little
under the "after" figures because the intent model's training code changes too. Since
training skips an opening that is only small talk ("hola buenas"), accuracy rose again
(held-out 0.905 → 0.94, final 0.68 → 0.75) and two more answers are confidently wrong in
each half — none of them an intent the policy automates ("¿cómo me doy de baja del
boletín?" read as promo_code), so they reach a person.

The model is trained as ``init --demo`` trains it (``learn/examples``: the first customer
message of each conversation that is more than small talk, ``train_classifier`` with its
defaults) on the same generated files, read from the files instead of the database to keep
the test at a few seconds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tandemdesk.act.answers import Answer, compose_answer
from tandemdesk.act.answers_facts import CustomerFacts, OrderFacts
from tandemdesk.act.answers_kb import KnowledgeBase, family_id, items_from_articles
from tandemdesk.decide.loading import default_policy
from tandemdesk.demo import DemoFiles
from tandemdesk.demo.generator import DEMO_TOPUP
from tandemdesk.learn.examples import record_examples
from tandemdesk.listen.articles import read_articles
from tandemdesk.listen.readers import Parsed
from tandemdesk.understand.training import TrainedModel, train_classifier
from tests.conftest import pinned_demo

FIXTURE = Path(__file__).parent.parent / "fixtures" / "demo_intents_fresh.jsonl"
LANGUAGES = ("en", "de", "fr", "es")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")

# split -> (accuracy, routine requests right and at or above the policy's min_confidence,
# the same per language, wrong intents at >= 0.8: worse than an unsure one); see above.
BARS = {"heldout": (0.88, 0.70, 0.5, 2), "final": (0.70, 0.55, 0.2, 2)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return pinned_demo(tmp_path_factory.mktemp("demo-intents"), seed=7, topup=DEMO_TOPUP)


@pytest.fixture(scope="module")
def model(demo: DemoFiles) -> TrainedModel:
    with demo.conversations.open(encoding="utf-8") as lines:
        data = record_examples(json.loads(line) for line in lines)
    return train_classifier(data.texts, data.labels, task="intent")


def _fresh(split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row["split"] == split]


def test_the_fresh_set_is_balanced_over_languages_and_kinds() -> None:
    policy = default_policy().automatable_intents
    automatable = {intent for intent, settings in policy.items() if not settings.needs_action}
    for split in ("tune", "heldout", "final"):
        rows = _fresh(split)
        per_language = Counter(row["language"] for row in rows)
        assert set(per_language) == set(LANGUAGES)
        routine = Counter(row["language"] for row in rows if row["intent"] in automatable)
        other = Counter(row["language"] for row in rows if row["intent"] not in automatable)
        assert min(routine.values()) >= 10 and min(other.values()) >= 5, (routine, other)


@pytest.mark.parametrize("split", sorted(BARS))
def test_demo_model_understands_fresh_wording_in_four_languages(
    model: TrainedModel, split: str
) -> None:
    min_accuracy, min_automatable, min_per_language, max_confident_wrong = BARS[split]
    policy = default_policy()
    rows = _fresh(split)
    predictions = model.analyse([row["text"] for row in rows])
    correct = confident_wrong = 0
    sure: Counter[str] = Counter()
    routine: Counter[str] = Counter()
    for row, prediction in zip(rows, predictions, strict=True):
        right = prediction.label == row["intent"]
        correct += right
        sure_of_it = prediction.label is not None and prediction.confidence >= 0.8
        confident_wrong += not right and sure_of_it
        settings = policy.automatable_intents.get(row["intent"])
        if settings is not None and not settings.needs_action:
            bar = settings.min_confidence or policy.thresholds.intent_confidence
            routine[row["language"]] += 1
            sure[row["language"]] += right and prediction.confidence >= bar
    share = {lang: sure[lang] / routine[lang] for lang in LANGUAGES}
    assert correct / len(rows) >= min_accuracy
    assert sum(sure.values()) / sum(routine.values()) >= min_automatable, share
    assert min(share.values()) >= min_per_language, share
    assert confident_wrong <= max_confident_wrong


@pytest.fixture(scope="module")
def kb(demo: DemoFiles) -> KnowledgeBase:
    parsed = [*read_articles(demo.articles), *read_articles(demo.macros)]
    return KnowledgeBase(items_from_articles(p.record for p in parsed if isinstance(p, Parsed)))


def test_every_policy_answer_exists_in_four_languages_with_the_same_placeholders(
    kb: KnowledgeBase,
) -> None:
    for intent, settings in default_policy().automatable_intents.items():
        for item_id in settings.answer_ids:
            english = kb.variant(item_id, "en")
            assert english is not None, item_id
            wanted = set(PLACEHOLDER.findall(english.body))
            for language in LANGUAGES:
                item = kb.variant(item_id, language)
                assert item is not None, f"{item_id} has no {language} version ({intent})"
                assert item.language == language and item.id.startswith(item_id)
                assert set(PLACEHOLDER.findall(item.body)) == wanted, item.id
                assert intent in item.intents and set(item.tags) == set(english.tags)
    # the where-is-my-order macro states order, carrier, tracking and date in every language
    for language in LANGUAGES:
        macro = kb.variant("mac-where-is-my-order", language)
        assert macro is not None
        assert {"order.number", "shipment.carrier", "shipment.tracking_number",
                "shipment.eta"} <= set(PLACEHOLDER.findall(macro.body))  # fmt: skip


def _facts(intent: str, language: str) -> CustomerFacts:
    """A customer for whom ``intent`` is routine: an order on its way for "where is it", a
    recently delivered one for the rest."""
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    if intent == "order_status":
        order = OrderFacts("NW-104233", "shipped", placed_at=now - timedelta(days=3),
                           carrier="Correos", tracking_number="PQ123456789ES",
                           eta=(now + timedelta(days=2)).date(),
                           shipped_at=now - timedelta(days=2))  # fmt: skip
    else:
        order = OrderFacts("NW-104233", "delivered", placed_at=now - timedelta(days=9),
                           carrier="Correos", tracking_number="PQ123456789ES",
                           shipped_at=now - timedelta(days=8),
                           delivered_at=now - timedelta(days=6))  # fmt: skip
    return CustomerFacts(as_of=now, first_name="Lucía", name="Lucía Pérez", email=
                         "lucia@example.com", language=language, order=order, order_count=1)  # fmt: skip


def test_routine_requests_are_answered_in_the_customers_language(kb: KnowledgeBase) -> None:
    """Each fresh routine message (tune half, no order number quoted) gets its policy answer
    in its own language, every placeholder filled from the facts."""
    policy = default_policy()
    for row in _fresh("tune"):
        settings = policy.automatable_intents.get(row["intent"])
        if settings is None or settings.needs_action or re.search(r"\d{5}", row["text"]):
            continue
        facts = _facts(row["intent"], row["language"])
        outcome = compose_answer(row["intent"], row["text"], row["language"], facts, kb,
                                 answers=settings.answer_ids)  # fmt: skip
        assert isinstance(outcome, Answer), (row, outcome)
        assert outcome.language == row["language"] and not outcome.language_fallback
        assert family_id(outcome.item) in settings.answer_ids
        assert "{{" not in outcome.text
        if row["intent"] == "order_status":
            for fact in ("NW-104233", "Correos", "PQ123456789ES", "12"):
                assert fact in outcome.text, (row["language"], outcome.text)
