"""The fictional company behind the demo: Northwind Outfitters, an outdoor-gear webshop.

Everything here is invented for tandemdesk (names, products, addresses). Email addresses use
the reserved ``.example`` top-level domain (RFC 2606) so that a demo workspace that "sends" a
reply can never reach a real mailbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COMPANY = "Northwind Outfitters"
BOT_NAME = "Nora"
SUPPORT_EMAIL = "support@northwind-outfitters.example"
ORDER_PREFIX = "NW-"


@dataclass(frozen=True, slots=True)
class Product:
    """One catalogue item; ``sizing`` says which size scale applies (or none)."""

    sku: str
    name: str
    category: str
    price: int  # cents, EUR
    sizing: str  # "" | "apparel" | "footwear"
    durable: bool  # worth a warranty claim


def _p(
    sku: str, name: str, category: str, price: float, sizing: str = "", durable: bool = True
) -> Product:
    return Product(sku, name, category, round(price * 100), sizing, durable)


PRODUCTS: tuple[Product, ...] = (
    _p("JK-FV3L", "Fjellvind 3L Shell Jacket", "jacket", 289.00, "apparel"),
    _p("JK-STRM", "Stormkap Rain Jacket", "jacket", 149.00, "apparel"),
    _p("JK-LOFT", "Loftline Down Jacket", "jacket", 229.00, "apparel"),
    _p("JK-RDGW", "Ridgewalk Softshell Jacket", "jacket", 119.00, "apparel"),
    _p("JK-KSTV", "Kestrel Insulated Vest", "jacket", 99.00, "apparel"),
    _p("JK-KIDR", "Puddle Kids' Rain Jacket", "jacket", 59.90, "apparel"),
    _p("FL-BRTE", "Bråte Grid Fleece", "fleece", 69.90, "apparel"),
    _p("FL-CAIR", "Cairn Half-Zip Fleece", "fleece", 59.90, "apparel"),
    _p("TR-TNDR", "Tundra Trekking Trousers", "trousers", 89.90, "apparel"),
    _p("TR-SCRE", "Scree Convertible Trousers", "trousers", 79.90, "apparel"),
    _p("TR-STRM", "Stormkap Rain Trousers", "trousers", 99.00, "apparel"),
    _p("BL-M150", "Merino 150 Base Tee", "baselayer", 49.90, "apparel", False),
    _p("BL-M200", "Merino 200 Long Sleeve", "baselayer", 64.90, "apparel", False),
    _p("SK-MER2", "Merino Hiking Socks 2-Pack", "socks", 24.90, "footwear", False),
    _p("FW-GRPK", "Granite Peak GTX Boots", "boots", 199.00, "footwear"),
    _p("FW-ALDM", "Alder Mid Hiking Boots", "boots", 159.00, "footwear"),
    _p("FW-TRL5", "Trailrunner 5 Shoes", "shoes", 139.00, "footwear"),
    _p("FW-COVE", "Cove Approach Shoes", "shoes", 119.00, "footwear"),
    _p("FW-BSND", "Basecamp Sandals", "shoes", 59.90, "footwear"),
    _p("PK-SM38", "Summit 38 Backpack", "backpack", 149.00),
    _p("PK-DT22", "Daytrip 22 Daypack", "backpack", 79.90),
    _p("PK-EX65", "Expedition 65+10 Backpack", "backpack", 249.00),
    _p("PK-HY12", "Hydro 12 Running Vest", "backpack", 89.90, "apparel"),
    _p("TN-FJD2", "Fjord 2 Tent", "tent", 349.00),
    _p("TN-HRT3", "Hearth 3 Family Tent", "tent", 429.00),
    _p("TN-SOLO", "Solo Ultralight Tent", "tent", 279.00),
    _p("SB-NRD5", "Nordlys -5 Sleeping Bag", "sleeping", 219.00),
    _p("SB-SM10", "Summer 10 Sleeping Bag", "sleeping", 119.00),
    _p("SB-AIRM", "AirRest Sleeping Mat", "sleeping", 99.00),
    _p("SB-FOAM", "Foam Trail Mat", "sleeping", 29.90, "", False),
    _p("CK-EMBR", "Ember Gas Stove", "cooking", 69.90),
    _p("CK-TIPT", "Titanium Pot Set", "cooking", 79.90),
    _p("CK-G230", "Gas Cartridge 230 g", "cooking", 6.90, "", False),
    _p("CK-SPRK", "Spork Set", "cooking", 9.90, "", False),
    _p("EL-LM40", "Lumen 400 Headlamp", "electronics", 49.90),
    _p("EL-WPGW", "Waypoint GPS Watch", "electronics", 299.00),
    _p("EL-PC10", "PowerCell 10000 Power Bank", "electronics", 39.90),
    _p("EL-SOL5", "Solar Panel 15 W", "electronics", 89.90),
    _p("AC-CRBP", "Carbon Trekking Poles", "accessories", 119.00),
    _p("AC-BT75", "Insulated Bottle 0.75 L", "accessories", 29.90),
    _p("AC-FAKT", "Trail First-Aid Kit", "accessories", 34.90, "", False),
    _p("AC-BNIE", "Merino Beanie", "accessories", 29.90, "", False),
    _p("AC-GLVW", "Windproof Gloves", "accessories", 39.90, "apparel"),
    _p("AC-DRY2", "Dry Bag 20 L", "accessories", 24.90, "", False),
    _p("AC-GAIT", "Trail Gaiters", "accessories", 39.90, "apparel"),
)
SIZED: tuple[Product, ...] = tuple(p for p in PRODUCTS if p.sizing)
DURABLE: tuple[Product, ...] = tuple(p for p in PRODUCTS if p.durable)
SIZES: dict[str, tuple[str, ...]] = {
    "apparel": ("XS", "S", "M", "L", "XL", "XXL"),
    "footwear": tuple(f"EU {n}" for n in range(37, 48)),
}
CLUB_PLANS = ("Trail", "Summit")  # free plan, paid plan (4.99 / month)
CLUB_PRICE = 499

# Where the customers writing each language live, with weights.
COUNTRIES: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (("GB", 45), ("IE", 15), ("NL", 15), ("SE", 10), ("DK", 8), ("NO", 7)),
    "de": (("DE", 70), ("AT", 18), ("CH", 12)),
    "fr": (("FR", 75), ("BE", 15), ("CH", 10)),
    "es": (("ES", 100),),
}
CURRENCY: dict[str, str] = {"GB": "GBP"}  # everyone else pays in EUR
# Country calling code and a mobile prefix; the subscriber digits come from the customer serial.
PHONE_PREFIX: dict[str, tuple[str, str]] = {
    "GB": ("+44", "7"), "IE": ("+353", "8"), "NL": ("+31", "6"), "SE": ("+46", "70"),
    "DK": ("+45", "2"), "NO": ("+47", "4"), "DE": ("+49", "15"), "AT": ("+43", "66"),
    "CH": ("+41", "7"), "FR": ("+33", "6"), "BE": ("+32", "47"), "ES": ("+34", "6"),
}  # fmt: skip
CARRIERS: dict[str, tuple[str, ...]] = {
    "GB": ("Royal Mail", "DPD", "Evri"), "IE": ("An Post", "DPD"), "NL": ("PostNL", "DHL"),
    "SE": ("PostNord", "DHL"), "DK": ("PostNord", "GLS"), "NO": ("Posten", "DHL"),
    "DE": ("DHL", "DPD", "Hermes", "GLS"), "AT": ("Post AT", "DPD"), "CH": ("Swiss Post",),
    "FR": ("Colissimo", "Chronopost", "DPD"), "BE": ("bpost", "DPD"), "ES": ("Correos", "SEUR"),
}  # fmt: skip
CITIES: dict[str, tuple[str, ...]] = {
    "GB": ("Leeds", "Bristol", "Edinburgh", "Manchester", "Cardiff", "York", "Norwich"),
    "IE": ("Dublin", "Galway", "Cork", "Limerick"),
    "NL": ("Utrecht", "Groningen", "Haarlem", "Eindhoven"),
    "SE": ("Uppsala", "Umeå", "Göteborg"),
    "DK": ("Aarhus", "Odense", "Aalborg"),
    "NO": ("Bergen", "Tromsø", "Trondheim"),
    "DE": ("Freiburg", "Leipzig", "Hamburg", "Köln", "München", "Kassel", "Rostock"),
    "AT": ("Graz", "Innsbruck", "Linz", "Salzburg"),
    "CH": ("Bern", "Luzern", "Lausanne", "Chur"),
    "FR": ("Lyon", "Grenoble", "Nantes", "Annecy", "Toulouse", "Rennes"),
    "BE": ("Namur", "Liège", "Bruxelles"),
    "ES": ("Granada", "Zaragoza", "Valencia", "Bilbao", "Sevilla"),
}
EMAIL_DOMAINS: dict[str, tuple[str, ...]] = {
    "GB": ("mailbox.example", "postmail.example", "inbox.example"),
    "IE": ("mailbox.example", "inbox.example"),
    "NL": ("postvak.example", "mail.example"),
    "SE": ("epost.example", "mail.example"),
    "DK": ("epost.example", "mail.example"),
    "NO": ("epost.example", "mail.example"),
    "DE": ("netzpost.example", "briefkasten.example", "mail.example"),
    "AT": ("netzpost.example", "mail.example"),
    "CH": ("mail.example", "netzpost.example", "courriel.example"),
    "FR": ("courriel.example", "boitemail.example", "mail.example"),
    "BE": ("courriel.example", "mail.example"),
    "ES": ("correo.example", "mail.example"),
}
# Name pools by where a customer lives; English speakers in NL or Scandinavia keep local names.
NAME_POOL: dict[str, str] = {
    "GB": "gb", "IE": "gb", "NL": "nl", "SE": "nordic", "DK": "nordic", "NO": "nordic",
    "DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "fr", "ES": "es",
}  # fmt: skip
FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "gb": (
        "Olivia",
        "Amelia",
        "Isla",
        "Ava",
        "Grace",
        "Freya",
        "Sophie",
        "Ella",
        "Charlotte",
        "Niamh",
        "Aoife",
        "Hannah",
        "Lucy",
        "Megan",
        "Chloe",
        "Ruth",
        "Janet",
        "Margaret",
        "Oliver",
        "George",
        "Harry",
        "Jack",
        "Noah",
        "Leo",
        "Arthur",
        "Oscar",
        "Thomas",
        "James",
        "William",
        "Callum",
        "Liam",
        "Conor",
        "Rhys",
        "Owen",
        "Daniel",
        "Ahmed",
        "Priya",
        "Ravi",
        "Kwame",
        "Mei",
    ),
    "nl": (
        "Sanne",
        "Femke",
        "Lotte",
        "Anouk",
        "Daan",
        "Bram",
        "Thijs",
        "Jeroen",
        "Maaike",
        "Ruben",
    ),
    "nordic": (
        "Astrid",
        "Ingrid",
        "Maja",
        "Freja",
        "Sigrid",
        "Erik",
        "Lars",
        "Magnus",
        "Nils",
        "Oskar",
        "Emil",
        "Linnea",
    ),
    "de": (
        "Anna",
        "Lena",
        "Laura",
        "Julia",
        "Sophie",
        "Katharina",
        "Sabine",
        "Petra",
        "Marie",
        "Johanna",
        "Franziska",
        "Ursula",
        "Lukas",
        "Jonas",
        "Felix",
        "Maximilian",
        "Tobias",
        "Stefan",
        "Michael",
        "Thomas",
        "Andreas",
        "Florian",
        "Matthias",
        "Jürgen",
        "Niklas",
        "Timo",
        "Emre",
        "Ayşe",
        "Dominik",
        "Heike",
    ),
    "fr": (
        "Camille",
        "Léa",
        "Manon",
        "Chloé",
        "Inès",
        "Julie",
        "Sophie",
        "Émilie",
        "Claire",
        "Nathalie",
        "Amandine",
        "Lucie",
        "Thomas",
        "Lucas",
        "Hugo",
        "Julien",
        "Nicolas",
        "Antoine",
        "Maxime",
        "Mathieu",
        "Pierre",
        "Louis",
        "Théo",
        "Yanis",
        "Karim",
        "Élodie",
    ),
    "es": (
        "Lucía",
        "María",
        "Carmen",
        "Paula",
        "Laura",
        "Marta",
        "Alba",
        "Pablo",
        "Javier",
        "Alejandro",
        "Daniel",
        "Sergio",
        "Carlos",
        "Iker",
        "Nerea",
        "Jorge",
    ),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "gb": (
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Evans",
        "Thomas",
        "Walker",
        "Robinson",
        "Wright",
        "Hughes",
        "Edwards",
        "Green",
        "Hall",
        "Clarke",
        "Murphy",
        "O'Brien",
        "Kelly",
        "Byrne",
        "Campbell",
        "Stewart",
        "MacDonald",
        "Patel",
        "Khan",
        "Shah",
        "Mensah",
        "Chen",
        "Fletcher",
        "Holloway",
        "Pritchard",
        "Ashworth",
    ),
    "nl": ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer"),
    "nordic": (
        "Andersson",
        "Johansson",
        "Nilsson",
        "Larsen",
        "Hansen",
        "Nielsen",
        "Berg",
        "Lund",
        "Haugen",
        "Lindqvist",
    ),
    "de": (
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Koch",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Braun",
        "Zimmermann",
        "Krüger",
        "Hartmann",
        "Lange",
        "Huber",
        "Gruber",
        "Steiner",
        "Yılmaz",
        "Kowalski",
        "Brunner",
        "Keller",
    ),
    "fr": (
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefebvre",
        "Michel",
        "Garcia",
        "Roux",
        "Fournier",
        "Girard",
        "Bonnet",
        "Mercier",
        "Lambert",
        "Faure",
        "Benali",
        "Peeters",
    ),
    "es": (
        "García",
        "Fernández",
        "González",
        "Rodríguez",
        "López",
        "Martínez",
        "Sánchez",
        "Pérez",
        "Gómez",
        "Ruiz",
        "Navarro",
        "Torres",
        "Ortega",
        "Etxeberria",
    ),
}
_FOLD = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "a", "ø": "o", "æ": "ae",
        "é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "î": "i", "ï": "i",
        "ô": "o", "ù": "u", "û": "u", "ç": "c", "í": "i", "ó": "o", "á": "a", "ú": "u",
        "ñ": "n", "ş": "s", "ı": "i", "'": "", " ": "", "-": "",
    }
)  # fmt: skip


def ascii_fold(text: str) -> str:
    """A name as people spell it in an email address (``Müller`` → ``mueller``)."""
    return text.lower().translate(_FOLD)


def agents() -> list[dict[str, Any]]:
    """The support team: skills and languages decide who answers which conversation."""
    team: list[tuple[str, str, str, list[str], list[str], int]] = [
        (
            "Maya Lindqvist",
            "supervisor",
            "maya",
            ["escalations", "complaint_escalation", "billing"],
            ["en", "de"],
            4,
        ),
        (
            "Jonas Weber",
            "senior_agent",
            "jonas",
            ["billing", "double_charge", "billing_error", "refunds"],
            ["de", "en"],
            8,
        ),
        (
            "Claire Dubois",
            "senior_agent",
            "claire",
            ["returns", "refunds", "escalations"],
            ["fr", "en"],
            8,
        ),
        (
            "Tom Hargreaves",
            "agent",
            "tom",
            ["logistics", "order_status", "delivery_problem"],
            ["en"],
            10,
        ),
        (
            "Lena Hoffmann",
            "agent",
            "lena",
            ["returns", "size_exchange", "product_question"],
            ["de", "en"],
            10,
        ),
        (
            "Hugo Martin",
            "agent",
            "hugo",
            ["logistics", "order_status", "change_address"],
            ["fr", "en"],
            10,
        ),
        (
            "Priya Nair",
            "agent",
            "priya",
            ["technical", "account_access", "password_reset", "data_deletion_request"],
            ["en"],
            10,
        ),
        (
            "Sofía García",
            "agent",
            "sofia",
            ["returns", "refunds", "product_question"],
            ["es", "en", "fr"],
            10,
        ),
        (
            "Ben Okafor",
            "agent",
            "ben",
            ["billing", "gift_card_problem", "loyalty_points", "invoice_request"],
            ["en"],
            10,
        ),
        (
            "Anke Vogel",
            "logistics",
            "anke",
            ["logistics", "carriers", "delivery_problem", "missing_item"],
            ["de", "en"],
            6,
        ),
        (
            "Élise Moreau",
            "agent",
            "elise",
            ["product_question", "warranty_claim", "technical"],
            ["fr", "de", "en"],
            10,
        ),
        ("Sam Doyle", "agent", "sam", ["order_status", "returns", "cancel_order"], ["en"], 6),
        (
            "Kai Brandt",
            "agent",
            "kai",
            ["technical", "account_access", "billing"],
            ["de", "en"],
            10,
        ),
        ("Noémie Laurent", "agent", "noemie", ["billing", "refunds", "returns"], ["fr"], 10),
        (
            "Rosa Jiménez",
            "dispatcher",
            "rosa",
            ["escalations", "logistics", "triage"],
            ["en", "es", "de"],
            12,
        ),
    ]
    rows: list[dict[str, Any]] = []
    for number, (name, role, handle, skills, languages, capacity) in enumerate(team, start=1):
        rows.append(
            {
                "external_id": f"ag-{number:02d}",
                "name": name,
                "email": f"{handle}@northwind-outfitters.example",
                "role": role,
                "skills": skills,
                "languages": languages,
                "capacity": capacity,
            }
        )
    return rows
