"""Clarifying questions customers can read: their language, the shop's words, never ids."""

from __future__ import annotations

import re

import pytest

from tandemdesk.act.clarify import QUESTIONS, clarifying_question
from tandemdesk.decide import default_policy
from tandemdesk.demo.intents import NAMES
from tandemdesk.understand.pipeline import Understanding
from tests.decide.decide_factories import understanding

NAMES_OF = default_policy(NAMES).intent_names
ID = re.compile(r"\b[a-z]+_[a-z_]+\b")


def unsure(first: str, second: str, language: str = "en") -> Understanding:
    return understanding(None, 0.4, language=language, candidates=((first, 0.4), (second, 0.35)))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "is it about returning an item or receiving the wrong item?"),
        ("de", "Geht es um eine Rücksendung oder um einen falsch gelieferten Artikel?"),
        ("fr", "s'agit-il d'un retour d'article ou d'un article reçu par erreur ?"),
        ("es", "¿se trata de una devolución o de un artículo equivocado?"),
    ],
)
def test_options_are_display_names_in_the_customers_language(language: str, expected: str) -> None:
    question = clarifying_question(
        unsure("return_request", "wrong_item"),
        language,
        NAMES_OF,
    )
    assert question.endswith(expected), question
    assert not ID.search(question) and "return request" not in question


@pytest.mark.parametrize(
    ("language", "pair", "expected"),
    [
        ("fr", ("order_status", "cancel_order"),
         "s'agit-il du suivi de votre commande ou de l'annulation d'une commande ?"),
        ("fr", ("password_reset", "loyalty_points"),
         "s'agit-il de la réinitialisation de votre mot de passe ou de vos points Club ?"),
        ("es", ("order_status", "account_access"),
         "¿se trata del estado de su pedido o del acceso a su cuenta?"),
        ("de", ("order_status", "refund_request"),
         "Geht es um den Stand Ihrer Bestellung oder um eine Erstattung?"),
    ],
)  # fmt: skip
def test_articles_contract_as_the_language_does(
    language: str, pair: tuple[str, str], expected: str
) -> None:
    question = clarifying_question(unsure(*pair), language, NAMES_OF)
    assert question.endswith(expected), question


def test_a_missing_name_asks_the_open_question_never_the_id_or_english() -> None:
    names = {"return_request": {"en": "returning an item", "fr": "un retour"},
             "wrong_item": {"en": "receiving the wrong item"}}  # fmt: skip
    message = unsure("return_request", "wrong_item", "fr")
    question = clarifying_question(message, "fr", names)
    assert question == QUESTIONS["fr"][1]
    assert clarifying_question(message, "fr") == QUESTIONS["fr"][1]  # no names at all
    english = clarifying_question(message, "en", names)
    assert english.endswith("about returning an item or receiving the wrong item?")


def test_a_language_without_questions_is_asked_wholly_in_english() -> None:
    question = clarifying_question(
        unsure("order_status", "return_request"),
        "it-IT",
        NAMES_OF,
    )
    assert question.endswith("is it about where your order is or returning an item?")
    region = clarifying_question(
        unsure("order_status", "return_request"),
        "de-AT",
        NAMES_OF,
    )
    assert "Geht es um den Stand Ihrer Bestellung oder um eine Rücksendung?" in region


def test_a_message_that_names_nothing_gets_the_open_question() -> None:
    """The model's guesses for "can you check something for me" are noise: ask openly."""
    vague = understanding(
        None, 0.4, candidates=(("return_request", 0.4), ("wrong_item", 0.35)), vague=True
    )
    assert clarifying_question(vague, "de", NAMES_OF) == QUESTIONS["de"][1]
