"""Suite 18 ("money and access") found thanks for what arrived ("got the invoice, ta very
much", "ok bien reçu la facture, merci !") answered with the invoice article, a packing list
"hacked together" and a wish list « piraté » by a child read as fraud and urgent, an Irish
"someone's after using my card" and a French "quelqu'un d'autre a commandé avec mon compte"
not read as fraud, an eye roll at one's own forgetting ("hab mein pw vergessen 🙄") read as sarcasm, and
general points questions in other words sent to a person. Each is said here in other words
than the suite's, beside the look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from tandemdesk.understand.dialogue import DialogueActDetector
from tandemdesk.understand.emotion import SARCASM, surface_cues
from tandemdesk.understand.points_questions import asks_points_in_general
from tandemdesk.understand.risk import default_detector
from tandemdesk.understand.urgency import UrgencyRules


def _act(text: str):  # type: ignore[no-untyped-def]
    return DialogueActDetector().fit([]).analyse([text])[0]


@pytest.mark.parametrize(
    "text",
    [
        "the refund came through, cheers!",
        "Gutschrift ist angekommen, vielen Dank",
        "j'ai bien reçu le remboursement, merci",
        "ya recibí el reembolso, muchas gracias",
    ],
)
def test_thanks_for_what_arrived_are_small_talk(text: str) -> None:
    assert _act(text).small_talk == "thanks"


@pytest.mark.parametrize(
    "text",
    [
        "got the invoice but the address on it is wrong, thanks",
        "received the refund",
        "la facture est arrivée ?",
    ],
)
def test_what_arrived_with_more_or_without_thanks_is_no_small_talk(text: str) -> None:
    assert _act(text).small_talk is None


@pytest.mark.parametrize(
    "text",
    [
        "I hacked together a tarp shelter last night lol, anyway where's my order?",
        "ma fille a « piraté » mon panier pour y mettre trois doudounes 😂 ça arrive quand ?",
        'my brother "hacked" my wishlist again, can I still change the order?',
        "nobody hacked me, I just forgot the password",
    ],
)
def test_hacked_in_jest_is_neither_fraud_nor_urgent(text: str) -> None:
    assert default_detector().analyse([text])[0].categories == ()
    assert UrgencyRules().fit([]).analyse([text])[0].label not in ("high", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "my account got hacked last night",
        "somebody's after ordering on my account, three jackets I never saw",
        "quelqu'un d'autre a acheté avec ma carte sur votre site",
        "c'est pas moi qui ai passé cette commande, je ne connais pas cette adresse",
    ],
)
def test_someone_else_on_the_account_is_fraud(text: str) -> None:
    assert "fraud" in dict(default_detector().analyse([text])[0].categories)


@pytest.mark.parametrize(
    ("text", "general"),
    [
        ("wie funktionieren denn bei euch die Treue-Punkte?", True),
        ("ça fonctionne comment, les points ?", True),
        ("il nous reste combien de points ?", True),
        ("how exactly do the points work?", True),
        ("wie viele Punkte hab i jetzt?", True),
        ("wie funktionieren die Punkte, wenn sie nicht ankommen?", False),
        ("il me reste combien de points, il en manque non ?", False),
    ],
)
def test_general_points_questions_in_other_words(text: str, general: bool) -> None:
    assert asks_points_in_general(text) is general


@pytest.mark.parametrize(
    ("text", "sarcastic"),
    [
        ("forgot my password 🙄 how do I reset it?", False),
        ("j'ai oublié mon mot de passe 🙄", False),
        ("still no parcel 🙄", True),
        ("el bot me entiende perfectamente 🙄", True),
        ("delivered to my invisible neighbour apparently 🙄", True),
    ],
)
def test_the_eye_roll_is_sarcasm_unless_at_ones_own_forgetting(text: str, sarcastic: bool) -> None:
    sources = {e.source for e in surface_cues(text)[1]}
    assert (SARCASM in sources) is sarcastic


def test_before_anyone_panics_is_no_worry() -> None:
    assert "cue.worry" not in {e.source for e in surface_cues("Before you panic: all fine!")[1]}
    assert "cue.worry" in {e.source for e in surface_cues("I'm starting to panic now")[1]}


def test_another_companys_account_named_as_the_one() -> None:
    """Once the eye roll at one's own forgetting was no longer sarcasm, suite 13's "forgot the
    password AGAIN 🙄 … it's the Go Outdoors one" got this shop's password article: it had
    reached a person only as "sarcastic"."""
    from tandemdesk.understand.other_business import named_business

    known = frozenset({"the", "one", "blue", "northwind", "mountain", "reset", "my", "password"})
    text = "can you reset my password? it's the Mountain Warehouse one"
    assert named_business(text, known) == "Mountain Warehouse"
    assert named_business("it's the blue one, size M", known) is None
    assert named_business("it's the Northwind one", known) is None
