"""Another company's service is out of scope (``other_business``): written for this test,
not taken from the suites that found the class."""

from __future__ import annotations

import re

import pytest

from tandemdesk.understand.datafiles import read_labelled_file
from tandemdesk.understand.novelty import known_words
from tandemdesk.understand.other_business import named_business
from tests.conftest import shared_data

# the words a small shop's history would use
KNOWN = known_words(
    str.split(
        "my our the order orders parcel account app password points card club newsletter where is "
        "has not arrived reset how do i can you ma mon commande colis carte compte mi pedido cuenta "
        "de la en mein meine bestellung konto punkte karte bei ich habe wo ist northwind"
    )
)

ANOTHER_COMPANY = [
    ("my Revolut app keeps logging me out, how do I reset the password", "Revolut"),
    ("my deliveroo app keeps crashing, how do i log in", "deliveroo"),
    ("I bought a tent from CampWorld last month and it still hasn't arrived", "CampWorld"),
    ("wie viele Punkte hab ich auf meiner Payback-Karte?", "Payback"),
    ("Hab bei Otto was bestellt und es kommt nicht", "Otto"),
    ("meine Zalando Bestellung ist weg", "Zalando"),  # the name stops before the shop's word
    ("Hi, I'm İlker. My Monzo app locked me out", "Monzo"),
    ("Mein Paket von Hermes Versand ist verschwunden", None),  # "Paket von": not a shape
    ("ma commande Deliveroo n'arrive pas, il fait quoi le livreur", "Deliveroo"),
    ("je n'arrive pas à voir les points de ma carte Carrefour", "Carrefour"),
    ("mi pedido de Glovo no llega, dónde está", "Glovo"),
    ("no puedo entrar en mi cuenta de Movistar", "Movistar"),
    # a German account "bei der X": a name that does not end as the nouns there do
    ("Kennwort bei der Swisscom vergessen, was nun?", "Swisscom"),
    ("Wie komme ich an mein Kundenkonto bei der Postbank ran", "Postbank"),
]
THIS_SHOP = [
    "locked out again, my stupid password doesn't work, how do I reset it",
    "can I place an order from Toronto?",  # a customer may order from a place
    "where is my Northwind order?",  # the shop's own name is in its history
    "ich habe bei Ihnen eine Jacke bestellt, wo ist sie?",
    "j'ai payé avec ma carte Visa, où est ma commande ?",  # a payment scheme pays us too
    "mi pedido de zapatillas no llega",  # a product after "de", not a name
    "where is my new order?",
    "Ma commande est partie chez vous hier ?",
    # a review's: a writer who capitalises nothing names this shop's own things so too
    "my xmas order hasnt come",
    "my wifes account is locked, can you reset the password",
    "bei mama bestellt und nix kommt",
    "I bought it at Christmas and it broke",
    "I ordered with Express shipping, where is my order?",
    "Hi, I'm İlker. My shopping app crashed",  # "İ" lower-cases to two characters
    # the carriers that deliver this shop's parcels, and the customer's e-mail provider
    "my UPS delivery is late",
    "mon colis Chronopost est bloqué",
    "mi pedido de Estafeta no llega",
    "my Gmail account got hacked, can you change the email on my order?",
    # German capitalises every noun: what follows "bei der" is mostly one
    "mein Passwort bei der Registrierung wird nicht angenommen",
    "Karte bei der Zahlung abgelehnt, Konto bei der Anmeldung gesperrt",
    "Zugang bei der Erstanmeldung klappt nicht",
    "Punkte bei der Rückgabe weg?",
    "Passwort bei der Arbeit vergessen",
    "Konto bei der Nachbarin eingerichtet",
    # a review's: "bei" without an article is "in case of"; Austrian "Kassa"
    "Was passiert mit meinem Abo bei Umzug ins Ausland?",
    "Kann ich mein Abo bei Nichtgefallen kündigen?",
    "Ich hab meine Kundenkarte bei der Kassa vergessen",
    "Kann ich meine Punkte bei der Partnerfirma einlösen?",
]


@pytest.mark.parametrize(("text", "name"), ANOTHER_COMPANY)
def test_a_named_company_that_the_history_never_mentions_is_another_business(
    text: str, name: str | None
) -> None:
    assert named_business(text, KNOWN) == name


@pytest.mark.parametrize("text", THIS_SHOP)
def test_this_shops_own_requests_name_no_other_business(text: str) -> None:
    assert named_business(text, KNOWN) is None


def test_a_name_the_history_uses_is_the_shops_own() -> None:
    """A marketplace whose customers ask about its sellers has their names in its history."""
    text = "my Revolut app keeps logging me out, how do I reset the password"
    assert named_business(text, KNOWN | known_words(["revolut"])) is None


def test_calm_support_traffic_names_no_other_business() -> None:
    """BANKING77's test questions, read with the words of its training questions: none."""
    folder = shared_data("banking77")
    train = read_labelled_file(folder / "train.csv", label_field="category")
    test = read_labelled_file(folder / "test.csv", label_field="category")
    known = known_words({w for t in train.texts for w in re.findall(r"[^\W\d_]+", t.lower())})
    assert [t for t in test.texts if named_business(t, known)] == []
