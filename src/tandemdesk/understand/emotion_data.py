"""The multilingual emotion data sets, read as GoEmotions label names, with seeded splits.

Why one module: the build, the benchmark and the tests must read BRIGHTER and XED the same
way (same label mapping, same seeded XED split), or a figure would be measured on rows the
model was trained on. Why GoEmotions names: the emotion model's classes are GoEmotions' 28
labels; BRIGHTER's and XED's Ekman/Plutchik emotions that have a GoEmotions namesake (anger,
disgust, fear, joy, sadness, surprise) keep it, the others (XED's anticipation and trust) are
dropped, so a row may carry no emotion at all. Distress is "anger, fear, sadness or disgust"
on these sets (``DISTRESS_EMOTIONS``), a subset of ``emotion.NEGATIVE_EMOTIONS``.

Data: BRIGHTER (SemEval-2025 task 11, CC-BY-4.0), ``track_a`` 0/1 labels (English test rows
have none there: ``track_b`` intensity > 0 instead); XED (Öhman et al., 2020, CC-BY-4.0),
projected de/fr/es subtitles (noisy) and human-annotated English with its neutral lines.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tandemdesk.understand.emotion import NEGATIVE_EMOTIONS

BRIGHTER_LANGUAGES = {"en": "eng", "de": "deu", "es": "esp"}
XED_LANGUAGES = ("de", "fr", "es")
DISTRESS_EMOTIONS: tuple[str, ...] = ("anger", "fear", "sadness", "disgust")
XED_SEED = 13
XED_PARTS = {"train": (0.0, 0.7), "tune": (0.7, 0.85), "test": (0.85, 1.0)}
# XED's Plutchik ids (1-8; 9 marks the neutral file) → GoEmotions names; None: no namesake
_XED_NAMES: dict[int, str | None] = {
    1: "anger", 2: None, 3: "disgust", 4: "fear", 5: "joy", 6: "sadness", 7: "surprise",
    8: None, 9: "neutral",
}  # fmt: skip
_BRIGHTER_EMOTIONS = ("anger", "disgust", "fear", "joy", "sadness", "surprise")

Rows = tuple[list[str], list[list[str]]]


def _data(data: Path | None) -> Path:
    if data is not None:
        return data
    from tandemdesk.understand.build_defaults import shared_data_dir

    return shared_data_dir()


def load_brighter(split: str, language: str, data: Path | None = None) -> Rows:
    """Texts and emotion names of one BRIGHTER split (``train``/``dev``/``test``).

    ``language`` is ``en``, ``de`` or ``es``. A text with no emotion gets ``["neutral"]``
    (the set's "all zeros = neutral"). English test labels come from ``track_b`` > 0.
    """
    code = BRIGHTER_LANGUAGES[language]
    track = "track_b" if (language, split) == ("en", "test") else "track_a"
    path = _data(data) / "brighter_emotion" / track / split / f"{code}.csv"
    texts: list[str] = []
    labels: list[list[str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = [e for e in _BRIGHTER_EMOTIONS if (row.get(e) or "0").strip() not in ("", "0")]
            texts.append(row["text"])
            labels.append(names or ["neutral"])
    return texts, labels


def _xed_names(field: str) -> list[str] | None:
    try:
        ids = [int(part) for part in field.split(",") if part.strip()]
    except ValueError:
        return None
    if not ids or any(i not in _XED_NAMES for i in ids):
        return None
    return sorted({n for i in ids if (n := _XED_NAMES[i]) is not None})


def load_xed(language: str, data: Path | None = None) -> Rows:
    """Every usable row of XED's ``{language}-projections.tsv`` (``en``: the annotated set
    plus the neutral lines). Lines that do not split into text and labels are skipped."""
    folder = _data(data) / "xed_emotion"
    texts: list[str] = []
    labels: list[list[str]] = []
    if language == "en":
        sources = [(folder / "AnnotatedData" / "en-annotated.tsv", False),
                   (folder / "AnnotatedData" / "neu_en.txt", True)]  # fmt: skip
    else:
        sources = [(folder / "Projections" / f"{language}-projections.tsv", False)]
    for path, label_first in sources:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2:
                    continue
                text, field = (parts[1], parts[0]) if label_first else (parts[0], parts[1])
                names = _xed_names(field)
                if names is None or not text.strip():
                    continue
                texts.append(text)
                labels.append(names)
    return texts, labels


def xed_split(language: str, part: str, data: Path | None = None) -> Rows:
    """The seeded 70/15/15 ``train``/``tune``/``test`` part of ``load_xed(language)``."""
    texts, labels = load_xed(language, data)
    order = np.random.default_rng(XED_SEED).permutation(len(texts))
    low, high = XED_PARTS[part]
    chosen = order[int(low * len(order)) : int(high * len(order))]
    return [texts[i] for i in chosen], [labels[i] for i in chosen]


def distressed(labels: list[list[str]]) -> np.ndarray:
    """0/1 per row: the row carries anger, fear, sadness or disgust."""
    wanted = set(DISTRESS_EMOTIONS)
    return np.array([bool(wanted.intersection(names)) for names in labels], dtype=np.int8)


# Weight per data set in training (per row): GoEmotions' 43k English rows would otherwise
# drown the few thousand German or Spanish ones; the human-annotated BRIGHTER rows count
# more than XED's projected (noisy) ones; calm BANKING77 queries teach that a routine
# support request is not distress.
TRAIN_WEIGHTS: dict[str, float] = {
    "goemotions": 1.0, "brighter_en": 3.0, "brighter_de": 3.0, "brighter_es": 3.0,
    "xed_de": 1.0, "xed_fr": 1.0, "xed_es": 1.0, "xed_en": 0.3, "banking77": 0.3, "support": 2.0,
    "generated": 1.0,
}  # fmt: skip

# The demo generator's customers, by the mood it wrote them in: support messages in
# en/de/fr/es with a known feeling. Other seeds than the demo's own (7), so the demo shop's
# history is not what the model learnt from.
GENERATED_SEEDS = {"fit": 101, "tune": 102}
GENERATED_SIZE = {"fit": 4_000, "tune": 800}
_MOOD_EMOTION = {"calm": "neutral", "neutral": "neutral", "upset": "anger",
                 "distressed": "sadness"}  # fmt: skip


def generated_support(part: str) -> Rows:
    """First customer messages of generated support conversations, labelled by their mood.

    Why: the public multilingual sets are subtitles and tweets, and XED's have no neutral
    lines, so a routine German, French or Spanish request looked as upset as a film scene.
    Abusive ones are left out (abuse has its own component)."""
    from tandemdesk.demo.generator import iter_history

    texts: list[str] = []
    labels: list[list[str]] = []
    for record in iter_history(GENERATED_SIZE[part], seed=GENERATED_SEEDS[part]):
        emotion = _MOOD_EMOTION.get(record["labels"]["mood"])
        first = next((m["text"] for m in record["messages"] if m["author"] == "customer"), "")
        if emotion and first.strip():
            texts.append(first)
            labels.append([emotion])
    return texts, labels


def load_banking77_calm(split: str, data: Path | None = None) -> list[str]:
    """BANKING77 queries (``train``/``test``): routine support requests."""
    path = _data(data) / "banking77" / f"{split}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def training_sets(
    part: str, data: Path | None = None, only: tuple[str, ...] | None = None
) -> dict[str, Rows]:
    """Every data set's ``fit`` or ``tune`` rows, by name (see ``TRAIN_WEIGHTS``).

    ``fit``: GoEmotions train, BRIGHTER train, XED's train part, BANKING77 train (as
    ``neutral``), two thirds of ``support_examples``. ``tune``: GoEmotions dev, BRIGHTER
    dev, XED's tune part, the other third. Test splits are never read here.
    """
    from tandemdesk.understand.build_defaults import load_goemotions

    fit = part == "fit"
    sets: dict[str, Rows] = {"goemotions": load_goemotions("train" if fit else "dev", data)}
    for language in BRIGHTER_LANGUAGES:
        sets[f"brighter_{language}"] = load_brighter("train" if fit else "dev", language, data)
    for language in (*XED_LANGUAGES, "en"):
        sets[f"xed_{language}"] = xed_split(language, "train" if fit else "tune", data)
    if fit:
        calm = load_banking77_calm("train", data)
        sets["banking77"] = (calm, [["neutral"] for _ in calm])
    sets["support"] = support_examples(part)
    sets["generated"] = generated_support(part)
    return {k: v for k, v in sets.items() if only is None or k in only}


# Data sets annotated with all 28 GoEmotions labels: the others teach distress only (their
# taxonomies lack most of the 28, and mixing them in cost 0.03 GoEmotions macro-F1).
EMOTION_SETS = frozenset({"goemotions"})


def pooled(
    sets: dict[str, Rows], weights: dict[str, float] | None = None, balance: bool = True
) -> tuple[list[str], list[list[str]], list[float], list[bool]]:
    """The sets' rows one after another, with each row's data-set weight and whether it
    teaches distress only (not in ``EMOTION_SETS``); with ``balance``, the weights are
    rescaled so every language carries English's share of distress (``balance_languages``).
    """
    weights = TRAIN_WEIGHTS if weights is None else weights
    texts: list[str] = []
    labels: list[list[str]] = []
    row_weights: list[float] = []
    distress_only: list[bool] = []
    languages: list[str] = []
    for name, (set_texts, set_labels) in sets.items():
        texts += set_texts
        labels += set_labels
        row_weights += [weights.get(name, 1.0)] * len(set_texts)
        distress_only += [name not in EMOTION_SETS] * len(set_texts)
        languages += row_languages(name, set_texts)
    if balance:
        row_weights = balance_languages(labels, row_weights, languages)
    return texts, labels, row_weights, distress_only


def row_languages(name: str, texts: Sequence[str]) -> list[str]:
    """Each row's language: from the data set's name (``xed_fr``, ``brighter_de``; the
    English-only sets), detected for the mixed ones (written and generated support)."""
    suffix = name.rsplit("_", 1)[-1]
    if name in ("goemotions", "banking77"):
        return ["en"] * len(texts)
    if suffix in (*BRIGHTER_LANGUAGES, *XED_LANGUAGES):
        return [suffix] * len(texts)
    from tandemdesk.understand.language import detect_language

    return [detect_language(text).code for text in texts]


def balance_languages(
    labels: Sequence[Sequence[str]],
    weights: Sequence[float],
    languages: Sequence[str],
    reference: str = "en",
) -> list[float]:
    """Row weights rescaled so each language's weighted share of distressed rows is the
    ``reference`` language's, each language keeping its total weight.

    Why: the German, French and Spanish rows are mostly subtitles and tweets, over half of
    them distressed, while English also has GoEmotions' and BANKING77's calm rows (29%
    distressed). Unbalanced, the distress head learnt *the language itself* as a sign of
    distress (a calm Spanish unsubscribe request scored 0.75). Balanced, a language's words
    carry no prior of their own; only what is said does."""
    negative = set(NEGATIVE_EMOTIONS)
    is_distressed = [bool(negative.intersection(names)) for names in labels]
    totals: dict[str, list[float]] = {}
    for lang, weight, hit in zip(languages, weights, is_distressed, strict=True):
        totals.setdefault(lang, [0.0, 0.0])[hit] += weight
    calm_ref, hit_ref = totals.get(reference, [0.0, 0.0])
    if not calm_ref or not hit_ref:
        return list(weights)
    share = hit_ref / (calm_ref + hit_ref)
    scale: dict[tuple[str, bool], float] = {}
    for lang, (calm_weight, hit_weight) in totals.items():
        total = calm_weight + hit_weight
        if lang == reference or not calm_weight or not hit_weight:
            scale[lang, False] = scale[lang, True] = 1.0
            continue
        scale[lang, True] = share * total / hit_weight
        scale[lang, False] = (1.0 - share) * total / calm_weight
    return [
        weight * scale[lang, hit]
        for lang, weight, hit in zip(languages, weights, is_distressed, strict=True)
    ]


# Support-style messages written for tandemdesk (not from any data set, and not the fresh
# evaluation fixture): XED's projected lines carry no neutral text at all, so without these
# a routine German, French or Spanish request ("Können Sie mir die Rechnung schicken?") looks
# like the emotional subtitles that language was learned from. Templates × objects give each
# language calm requests, plus a smaller set of upset ones so support words stay neutral.
_SUPPORT: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "objects": ("my order", "the invoice", "my parcel", "the refund", "my account",
                    "the subscription", "my card", "the delivery", "the return label"),
        "calm": ("Hi, could you check {o} for me please?", "Quick question about {o}.",
                 "Can you tell me the status of {o}?", "Thanks, {o} is sorted now.",
                 "I'd like to update {o}, how do I do that?", "Is there any news on {o}?",
                 "Hello, just following up on {o}, no rush.", "Thank you for the help with {o}!"),
        "anger": ("This is the fourth time I ask about {o} and still nothing. Unbelievable.",
                  "I am sick and tired of chasing {o}, your service is a joke."),
        "fear": ("I'm really frightened, something is wrong with {o} and I can't reach anyone",),
        "sadness": ("{o} was meant for my grandmother's last birthday and now it is too late",
                    "I feel completely let down, {o} was all I had left to hope for"),
    },
    "de": {
        "objects": ("meine Bestellung", "die Rechnung", "mein Paket", "die Rückerstattung",
                    "mein Konto", "das Abonnement", "meine Karte", "die Lieferung",
                    "das Retourenetikett"),
        "calm": ("Hallo, könnten Sie bitte {o} prüfen?", "Kurze Frage zu {o}.",
                 "Können Sie mir den Stand für {o} sagen?", "Danke, {o} hat sich erledigt.",
                 "Ich möchte {o} ändern, wie geht das?", "Gibt es Neuigkeiten zu {o}?",
                 "Guten Tag, ich melde mich wegen {o}, keine Eile.",
                 "Vielen Dank für Ihre Hilfe mit {o}!",
                 "Sehr geehrte Damen und Herren, bitte senden Sie mir Informationen zu {o}.",
                 "Wo finde ich {o} in meinem Kundenkonto?"),
        "anger": ("Das ist das vierte Mal, dass ich wegen {o} schreibe. Unglaublich!",
                  "Ich habe die Nase voll, {o} ist schon wieder falsch. Eine Katastrophe."),
        "fear": ("Ich habe richtig Angst, mit {o} stimmt etwas nicht und niemand antwortet",),
        "sadness": ("{o} war für den letzten Geburtstag meiner Oma, jetzt ist es zu spät",
                    "Ich bin so traurig und enttäuscht, {o} war meine letzte Hoffnung"),
    },
    "fr": {
        "objects": ("ma commande", "la facture", "mon colis", "le remboursement", "mon compte",
                    "l'abonnement", "ma carte", "la livraison", "l'étiquette de retour"),
        "calm": ("Bonjour, pourriez-vous vérifier {o} s'il vous plaît ?",
                 "Petite question concernant {o}.", "Où en est {o} ?",
                 "Merci, {o} est réglé maintenant.", "Je voudrais modifier {o}, comment faire ?",
                 "Avez-vous des nouvelles de {o} ?", "Bonjour, je reviens vers vous pour {o}.",
                 "Merci pour votre aide avec {o} !",
                 "Madame, Monsieur, merci de m'envoyer les informations sur {o}.",
                 "Où puis-je trouver {o} dans mon espace client ?"),
        "anger": ("C'est la quatrième fois que j'écris pour {o}. C'est incroyable !",
                  "J'en ai assez, {o} est encore faux. Quelle catastrophe."),
        "fear": ("J'ai vraiment peur, il y a un problème avec {o} et personne ne répond",),
        "sadness": ("{o} était pour le dernier anniversaire de ma grand-mère, c'est trop tard",
                    "Je suis tellement triste et déçue, {o} était mon dernier espoir"),
    },
    "es": {
        "objects": ("mi pedido", "la factura", "mi paquete", "el reembolso", "mi cuenta",
                    "la suscripción", "mi tarjeta", "la entrega", "la etiqueta de devolución"),
        "calm": ("Hola, ¿podrían revisar {o}, por favor?", "Una pregunta rápida sobre {o}.",
                 "¿Me pueden decir cómo va {o}?", "Gracias, {o} ya está resuelto.",
                 "Quisiera cambiar {o}, ¿cómo lo hago?", "¿Hay novedades sobre {o}?",
                 "Buenos días, les escribo por {o}, sin prisa.",
                 "¡Gracias por la ayuda con {o}!",
                 "Estimados señores, les ruego me envíen información sobre {o}.",
                 "¿Dónde encuentro {o} en mi cuenta de cliente?"),
        "anger": ("Es la cuarta vez que escribo por {o}. ¡Increíble!",
                  "Estoy hasta las narices, {o} otra vez mal. Un desastre."),
        "fear": ("Tengo mucho miedo, algo pasa con {o} y nadie contesta",),
        "sadness": ("{o} era para el último cumpleaños de mi abuela, ya es tarde",
                    "Estoy muy triste y decepcionada, {o} era mi última esperanza"),
    },
}  # fmt: skip


def support_examples(part: str = "all") -> Rows:
    """The written support-style messages (see ``_SUPPORT``) with their emotion names;
    ``fit`` and ``tune`` split them by object (every third object is ``tune``)."""
    texts: list[str] = []
    labels: list[list[str]] = []
    for parts in _SUPPORT.values():
        objects = parts["objects"]
        if part != "all":
            objects = tuple(o for i, o in enumerate(objects) if (i % 3 == 0) == (part == "tune"))
        for emotion in ("calm", "anger", "fear", "sadness"):
            for template in parts[emotion]:
                for obj in objects:
                    text = template.format(o=obj)
                    texts.append(text[0].upper() + text[1:])
                    labels.append(["neutral"] if emotion == "calm" else [emotion])
    return texts, labels


def load_bitext_calm(data: Path | None = None) -> list[str]:
    """Bitext customer requests (the ``instruction`` column) without the ``W`` tag
    (offensive wording): routine support requests, for the calm share."""
    path = _data(data) / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [r["instruction"] for r in csv.DictReader(handle) if "W" not in r["tags"]]


def test_figures(model: Any, data: Path | None = None) -> dict[str, float]:
    """Distress ROC-AUC on the test rows no build reads for training or tuning: BRIGHTER
    test per language, XED's held-out 15% per language (``model.distress(texts)``)."""
    from sklearn.metrics import roc_auc_score

    figures: dict[str, float] = {}
    for language in BRIGHTER_LANGUAGES:
        texts, labels = load_brighter("test", language, data)
        auc = roc_auc_score(distressed(labels), model.distress(texts))
        figures[f"distress_roc_auc_brighter_test_{language}"] = round(float(auc), 4)
    for language in XED_LANGUAGES:
        texts, labels = xed_split(language, "test", data)
        auc = roc_auc_score(distressed(labels), model.distress(texts))
        figures[f"distress_roc_auc_xed_heldout_{language}"] = round(float(auc), 4)
    return figures
