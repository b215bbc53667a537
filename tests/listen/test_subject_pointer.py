"""The subject is read only when the body points at it (``listen/subject_pointer.py``)."""

from __future__ import annotations

import pytest

from tandemdesk.listen.subject_pointer import subject_of, text_to_read


@pytest.mark.parametrize(
    "body",
    [
        "As per subject. Thanks, Aoife",
        "see subject line pls",
        "Details in the subject.",
        "Siehe Betreff. Danke!",
        "Wie im Betreff, vielen Dank",
        "Tout est dans l'objet. Merci !",
        "Voir objet du mail, merci",
        "Lo dicho en el asunto. Gracias.",
        "Segun el asunto, gracias",
    ],
)
def test_a_body_that_points_at_the_subject_is_read_with_it(body: str) -> None:
    """After the body: its evidence offsets stay right and its order number comes first."""
    assert text_to_read(body, "Re: Where is my order NW-1??") == (
        f"{body}\n\nwhere is my order nw-1??"
    )


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        ("And the other one I ordered, where is that?", "Re: Your order NW-2 is on its way"),
        ("The subject of my complaint is the delivery.", "Complaint"),
        ("¿Pueden ver el asunto de mi reembolso? Es el pedido NW-3.", "Re: Your order NW-2"),
        ("Pourriez-vous voir l'objet que j'ai renvoyé ?", "Retour"),
        ("Das steht im betreffenden Abschnitt der AGB.", "Frage"),
        ("As per subject.", None),
        ("As per subject.", "Re: "),
    ],
)
def test_otherwise_the_body_alone_is_read(body: str, subject: str | None) -> None:
    assert text_to_read(body, subject) == body


def test_a_card_number_in_the_subject_is_masked() -> None:
    read = text_to_read("As per subject", "Refund to card 4111 1111 1111 1111")
    assert "4111 1111 1111 1111" not in read


def test_an_emails_own_subject_comes_before_its_conversations() -> None:
    assert subject_of({"subject": "Siehe oben"}, "First mail") == "Siehe oben"
    assert subject_of({}, "First mail") == "First mail"
    assert subject_of(None, None) is None
