"""Suite 17 ("the customer asks for a person, and the words that only look like it") found
requests for a person missed in every language (two German ones answered automatically:
"verbinden S' mich mit an Mitarbeiter", "kann mal wer Echtes schreiben"), thanks with a
remark read as out of scope, the singular of a Spanish insult unread, and two distress
wordings unread. Each is said here in other words than the suite's, beside the
look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from tandemdesk.understand.abuse import default_model
from tandemdesk.understand.dialogue import DialogueActDetector
from tandemdesk.understand.emotion import surface_cues


def _act(text: str):  # type: ignore[no-untyped-def]
    return DialogueActDetector().fit([]).analyse([text])[0]


@pytest.mark.parametrize(
    "text",
    [
        "I'd rather talk to your team about this, if that's alright",
        "can you please pass my complaint on to a supervisor",
        "I want a member of staff to look at this, not a script",
        "can i get a hooman plz",
        "I need a person, my parcel is a week late",
        "Können Sie mich heute Abend anrufen?",
        "Stellen S' mich bitte zu an Berater durch",
        "Ich möchte das lieber mit einem Mitarbeiter besprechen.",
        "Bitte geben Sie das an einen Ansprechpartner weiter, danke.",
        "Es wäre schön, wenn sich ein Mitarbeiter bei mir meldet.",
        "ist da auch wer Echtes oder nur der Bot?",
        "merci de transmettre mon dossier à un conseiller",
        "je voudrais qu'une personne de votre équipe me recontacte",
        "y a-t-il qqn de réel pour m'aider ?",
        "¿puede llamarme alguien mañana por la mañana?",
        "prefiero resolverlo con un asesor",
        "necesito que me responda una persona, no una máquina",
        "¿hay algún humano de carne y hueso por ahí?",
        "humano xfa",
        "I need a human agent to look at this refund",
        "Ich möchte bitte mit der Teamleitung sprechen.",
        "¿Me podría atender un asesor de verdad?",
        "Can I get a human being on this please",
    ],
)
def test_a_person_asked_for_in_other_words(text: str) -> None:
    assert _act(text).wants_person


@pytest.mark.parametrize(
    "text",
    [
        "could you send me a human-readable version of the invoice?",
        "the delivery person left it with a neighbour, is that normal?",
        "can I collect it in person from the warehouse?",
        "someone from your team rang me this morning, all sorted now",
        "I need a person to sign for it?",
        "Ein Mitarbeiter hat sich schon bei mir gemeldet, danke.",
        "Der Vorgesetzte im Lager hat mir das Paket gegeben.",
        "ma réclamation a été transmise à un conseiller, j'attends",
        "alguien de su equipo me escribió ayer, ya está",
        "thanks, didn't even need a real person for that",
        # a review helper's look-alikes of the first version of these patterns
        "Please hand the parcel to the manager at reception if I'm not in.",
        "I missed a call from your team yesterday, what was it about?",
        "Can we have a person, e.g. my neighbour, sign for the parcel?",
        "Das konnte ich letzte Woche mit einem Mitarbeiter am Telefon klären.",
        "Falls sich jemand von DHL bei mir meldet, bin ich erst ab 18 Uhr da.",
        "Mein Vorgesetzter übernimmt die Kosten für die Jacke.",
        "Wer echtes Leder sucht, ist bei euch genau richtig.",
        "J'ai transmis la facture à un conseiller de ma banque.",
        "Si quelqu'un me contacte de la part de La Poste, c'est normal ?",
        "Tengo que verlo con alguien de mi familia antes de pedir.",
        "pueden llamarme Maite, no hace falta el usted",
        "Ich habe gestern schon mit der Teamleitung gesprochen.",
    ],
)
def test_person_words_in_another_sense(text: str) -> None:
    assert not _act(text).wants_person


@pytest.mark.parametrize(
    "text",
    [
        "ace, all sorted now, cheers!",
        "Danke, super nett! 😊",
        "merci, trop gentil 🙏",
        "gracias, muy amables, todo perfecto",
        "thanks so much, didn't even need a person!",
    ],
)
def test_thanks_with_a_remark_are_small_talk(text: str) -> None:
    assert _act(text).small_talk == "thanks"


@pytest.mark.parametrize(
    ("text", "distress_cue"),
    [
        ("Honestly I'm so overwhelmed with all of this.", True),
        ("Ich bin gerade total überfordert mit allem.", True),
        ("Je suis complètement submergée en ce moment.", True),
        ("Estoy muy agobiada con todo esto.", True),
        ("Mon fils part jeudi et j'en dors plus.", True),
        ("I'm a bit overwhelmed by the choice of sleeping bags!", False),
        ("Honestly I'm overwhelmed with gratitude, thank you!", False),
        ("Je suis submergée de commandes pour ma boutique en ce moment.", False),
        ("La date de livraison est dépassée.", False),
    ],
)
def test_overwhelmed_and_sleepless(text: str, distress_cue: bool) -> None:
    sources = {e.source for e in surface_cues(text)[1]}
    assert ("cue.despair" in sources) is distress_cue


def test_the_spanish_singular_insult_said_to_the_agent() -> None:
    model = default_model()
    assert model.score(["menudo pedazo de incompetente eres"])[0] >= 0.5
    assert model.score(["qué pedazo de inútil aparato, no enciende"])[0] < 0.5
