"""Out of scope: messages about none of the model's intents are flagged, known ones are not.

The novelty score and its threshold are learnt in ``fit`` from intents held out of training
folds (``understand/novelty.py``); texts without content are out of scope by rule. The
probe messages below were written for these tests; ``HELD_OUT_*`` were not looked at while
the method was tuned.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from understand_synthetic import make_examples

from tandemdesk.demo.generator import DEMO_TOPUP
from tandemdesk.learn.examples import record_examples
from tandemdesk.understand import artifacts, job_application
from tandemdesk.understand.intent import LinearIntentClassifier
from tandemdesk.understand.language import detect_language
from tandemdesk.understand.novelty import (
    FEATURES,
    has_no_content,
    known_words,
    middle_of_gap,
    unseen_words,
    words_are_informative,
)
from tandemdesk.understand.training import TrainedModel, load_model, train_classifier
from tests.conftest import pinned_demo, shared_data

IN_SCOPE = [
    "I was charged twice for the subscription this month, please refund the payment",
    "My parcel has not arrived and the package tracking is stuck",
    "I forgot my password and I am locked out of my account",
    "Please cancel my subscription right away",
]
UNRELATED = [
    "Hello, I would like to apply for the warehouse assistant job, my CV is attached",
    "Are you hiring software developers in Berlin?",
    "Who won the football match yesterday?",
    "Can you recommend a good Italian restaurant near the station?",
]
NO_CONTENT = ["???", "...", "!!!", "🙂🙂", "k", "12345", "  42  ", "?!"]
HELD_OUT_IN_SCOPE = [
    "Hey team, the courier lost my package, where is the box?",
    "There is an extra fee on my statement, billed wrong",
    "Cannot log in to the app, the login code never comes",
]
# far_oos_fresh.jsonl half -> (least out-of-scope recall of 24, most in-scope messages
# flagged of 24). Measured before -> after the unseen-word count: tune 0.58 -> 0.75 and
# 0 -> 0 flagged, held_out 0.42 -> 0.79 and 1 -> 2 flagged. The bars leave room for the
# demo's content changing under other tasks.
FAR_BARS = {"tune": (0.6, 2), "held_out": (0.6, 3)}
FRESH_IN_SCOPE_FLAGGED_BAR = 16  # of 240 in-scope demo_intents_fresh.jsonl: 5 -> 10 flagged
HELD_OUT_UNRELATED = [
    "I am a student writing my thesis, could you fill in my survey?",
    "What is the capital of Australia?",
    "Dear sir, I want to sell you advertising space on my blog",
]


@pytest.fixture(scope="module")
def model() -> LinearIntentClassifier:
    texts, labels = make_examples(per_class=30)
    return LinearIntentClassifier().fit(texts, labels)


def test_no_content_rule() -> None:
    for text in [*NO_CONTENT, "", "   "]:
        assert has_no_content(text), text
    for text in ["ok", "hi", "退款", "où?", "NW-105115", "2 items missing"]:
        assert not has_no_content(text), text


def test_unseen_words_counts_new_words_and_forgives_inflections() -> None:
    known = known_words(["where", "is", "my", "order", "impermeable", "where is", "cancel"])
    assert "where is" not in known
    figures = unseen_words(
        [
            "Where is my ORDER NW-1234?",  # ids and case: nothing new
            "I want to apply for the warehouse assistant position",
            "impermeables",  # an inflection of a training word
            "cnacel",  # one typo: one unseen word, as little as a single new word
            "???",
        ],
        known,
    )
    # "want", "apply", "for", "the", "warehouse", "assistant", "position": 7 new words
    np.testing.assert_allclose(figures, np.log1p([0, 7, 0, 1, 0]))


def test_the_cut_moves_into_the_gap_and_templated_data_drops_the_word_input() -> None:
    novel = np.array([0.2, 0.5, 0.9, 0.95])
    assert middle_of_gap(0.3, novel) == pytest.approx(0.4)  # halfway to 0.5, still catches it
    assert middle_of_gap(0.99, novel) == 0.99  # nothing above: unchanged
    assert not words_are_informative(np.zeros(100))  # held-out texts never bring new words
    assert words_are_informative(np.log1p(np.r_[np.ones(20), np.zeros(80)]))
    texts, labels = make_examples(per_class=30)  # templated: the word input is left out
    synthetic = LinearIntentClassifier().fit(texts, labels).novelty_
    assert synthetic is not None and "log_unseen_words" not in synthetic.picked["features"]
    # its column is kept (the inputs after it keep their places) with no weight
    assert len(synthetic.coef) == len(FEATURES)
    assert synthetic.coef[FEATURES.index("log_unseen_words")] == 0.0


def test_unrelated_and_empty_messages_are_out_of_scope(model: LinearIntentClassifier) -> None:
    results = model.analyse(IN_SCOPE + UNRELATED + NO_CONTENT)
    inside, outside = results[: len(IN_SCOPE)], results[len(IN_SCOPE) :]
    for result in inside:
        assert not result.out_of_scope and result.label is not None
        assert result.novelty is not None and result.novelty < model.novelty_.threshold  # type: ignore[union-attr]
    for result in outside:
        assert result.out_of_scope and result.abstained and result.label is None
        assert result.secondary is None and len(result.top_k) == 3
        assert result.novelty is not None and 0.0 <= result.novelty <= 1.0
    # far from every intent reads as more novel than any in-scope request
    assert min(r.novelty or 0.0 for r in outside[: len(UNRELATED)]) > max(
        r.novelty or 1.0 for r in inside
    )


def test_held_out_probes(model: LinearIntentClassifier) -> None:
    results = model.analyse(HELD_OUT_IN_SCOPE + HELD_OUT_UNRELATED)
    assert [r.out_of_scope for r in results] == [False] * 3 + [True] * 3


def test_threshold_is_learnt_and_recorded(tmp_path: Path) -> None:
    texts, labels = make_examples(per_class=30)
    trained = train_classifier(texts, labels)
    novelty = trained.component.novelty_  # type: ignore[attr-defined]
    assert 0.0 < novelty.threshold < 1.0
    assert (novelty.coef >= 0).all()  # less confident / less similar only adds novelty
    record = trained.training["out_of_scope"]
    assert record["threshold"] == novelty.threshold
    assert record["in_scope_loss_budget"] == pytest.approx(0.0075)
    assert record["simulated_in_scope_loss"] <= record["in_scope_loss_budget"]
    assert record["folds"] == 3 and record["simulated_novel"] > 0
    trained.save(tmp_path / "m")
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["thresholds"]["out_of_scope_novelty_at_least"] == novelty.threshold
    assert "held-out intents" in manifest["training"]["out_of_scope"]["method"]
    loaded = load_model(tmp_path / "m")
    probe = IN_SCOPE + UNRELATED + NO_CONTENT
    assert loaded.analyse(probe) == trained.analyse(probe)


def test_stricter_budget_never_flags_more(model: LinearIntentClassifier) -> None:
    texts, labels = make_examples(per_class=30)
    loose = LinearIntentClassifier(oos_in_scope_loss=0.2).fit(texts, labels)
    assert loose.novelty_ is not None and model.novelty_ is not None
    assert loose.novelty_.threshold <= model.novelty_.threshold


def test_disabled_and_multi_label_models_have_no_novelty() -> None:
    texts, labels = make_examples(per_class=10)
    plain = LinearIntentClassifier(out_of_scope=False).fit(texts, labels)
    (result,) = plain.analyse(["???"])
    assert not result.out_of_scope and result.novelty is None
    multi = LinearIntentClassifier(multi_label=True).fit(texts, [[y] for y in labels])
    assert multi.novelty_ is None and not multi.analyse(["???"])[0].out_of_scope


def test_two_intents_get_the_rule_but_no_novelty() -> None:
    texts, labels = make_examples(per_class=10, classes=["billing", "password"])
    clf = LinearIntentClassifier().fit(texts, labels)
    assert clf.novelty_ is None
    first, second = clf.analyse(["???", "reset my password please"])
    assert first.out_of_scope and first.novelty is None
    assert not second.out_of_scope and second.label == "password"


JOB_APPLICATIONS = [
    "Hi, I'd like to apply for the sales assistant position in your Leeds store.",
    "Guten Tag, anbei meine Bewerbung als Lagerhelfer samt Lebenslauf.",
    "Bonjour, je souhaite postuler comme vendeuse, où puis-je envoyer mon CV ?",
    "Hola, ¿estáis contratando para el verano? Os mando mi currículum.",
]


def test_job_applications_are_out_of_scope_unless_the_shop_answers_them(tmp_path: Path) -> None:
    texts, labels = make_examples(per_class=15)
    clf = LinearIntentClassifier().fit(texts, labels)
    assert clf.job_rule_ and clf.novelty_ is not None
    clf.novelty_.threshold = 2.0  # novelty alone flags nothing: what is flagged is the rule's
    results = clf.analyse([*JOB_APPLICATIONS, *IN_SCOPE])
    assert [r.out_of_scope for r in results] == [True] * 4 + [False] * len(IN_SCOPE)
    # the flag survives saving (a folder from before the rule has none: no rule)
    trained = train_classifier(texts, labels)
    trained.save(tmp_path / "m")
    assert load_model(tmp_path / "m").component.job_rule_  # type: ignore[attr-defined]
    # a shop whose own history answers applications keeps them as its intent
    careers = [f"I want to apply for the {job} position, my CV is attached" for job in
               ("driver", "cashier", "buyer", "packer", "designer", "manager")]  # fmt: skip
    shop = LinearIntentClassifier().fit([*texts, *careers], [*labels, *["careers"] * 6])
    assert not shop.job_rule_
    assert job_application.covered_by([*texts, *careers], [*labels, *["careers"] * 6]) == (
        "careers"
    )
    assert job_application.covered_by(texts, labels) is None


def _as_pre_oos_folder(folder: Path) -> None:
    """Rewrite a saved model folder as the version before out-of-scope detection wrote it:
    no novelty arrays or metadata, no new parameters, no new manifest entries."""
    component = folder / "components" / "main"
    with np.load(component / "state.npz", allow_pickle=False) as saved:
        arrays = {k: saved[k] for k in saved.files if not k.startswith("novelty.")}
    with (component / "state.npz").open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    meta = json.loads((component / "state.json").read_text(encoding="utf-8"))
    for key in ("novelty", "oos_rules", "job_rule"):
        meta.pop(key)
    (component / "state.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["components"]
    for key in ("out_of_scope", "oos_in_scope_loss"):
        entry["params"].pop(key)
    entry["files"] = {name: artifacts._sha256(component / name) for name in entry["files"]}
    manifest["thresholds"].pop("out_of_scope_novelty_at_least")
    manifest["training"].pop("out_of_scope")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_model_saved_before_out_of_scope_detection_loads_and_works(tmp_path: Path) -> None:
    texts, labels = make_examples(per_class=15)
    trained = train_classifier(texts, labels)
    trained.save(tmp_path / "old")
    _as_pre_oos_folder(tmp_path / "old")
    old = load_model(tmp_path / "old")
    assert old.component.novelty_ is None  # type: ignore[attr-defined]
    results = old.analyse(["reset my password please, I am locked out", "???", UNRELATED[0]])
    assert results[0].label == "password"
    assert all(not r.out_of_scope and r.novelty is None for r in results)
    np.testing.assert_array_equal(old.predict_proba(IN_SCOPE), trained.predict_proba(IN_SCOPE))
    assert "out_of_scope_novelty_at_least" not in old.thresholds


def _banking(name: str) -> tuple[list[str], list[str]]:
    path = shared_data("banking77", name)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["category"] for r in rows]


@pytest.mark.shared_data
def test_the_job_application_rule_reads_no_support_request_as_one() -> None:
    """BANKING77 (13,083 texts), the demo shop's fresh requests and its history: none."""
    texts = [*_banking("train.csv")[0], *_banking("test.csv")[0]]
    fresh = Path(__file__).resolve().parents[1] / "fixtures" / "demo_intents_fresh.jsonl"
    texts += [json.loads(line)["text"] for line in fresh.read_text("utf-8").splitlines() if line]
    assert [t for t in texts if job_application.is_job_application(t)] == []


@pytest.mark.shared_data
def test_banking77_held_out_intents_are_found_without_losing_known_ones() -> None:
    """Seed 0 of ``bench/intent_oos.py``: 20 of 77 intents unknown, the full test set."""
    texts, labels = _banking("train.csv")
    test_texts, test_labels = _banking("test.csv")
    unknown = set(np.random.default_rng(0).choice(sorted(set(labels)), 20, replace=False))
    keep = [i for i, y in enumerate(labels) if y not in unknown]
    model = train_classifier([texts[i] for i in keep], [labels[i] for i in keep])
    results = model.analyse(test_texts)
    gold = np.array(test_labels)
    novel = np.isin(gold, list(unknown))
    right = np.array([r.top_k[0][0] for r in results]) == gold
    flagged = np.array([r.out_of_scope for r in results])
    drop = right[~novel].mean() - (right & ~flagged)[~novel].mean()
    assert drop <= 0.01  # measured 0.0039 (budget 0.0075 of held-out in-scope answers)
    assert flagged[novel].mean() >= 0.08  # measured 0.111, 0.0975 with the unseen-word count
    assert all(r.novelty is not None for r in results)


FAR_FIXTURE = Path(__file__).parent.parent / "fixtures" / "far_oos_fresh.jsonl"
DEMO_FRESH = Path(__file__).parent.parent / "fixtures" / "demo_intents_fresh.jsonl"


@pytest.fixture(scope="module")
def demo_model(tmp_path_factory: pytest.TempPathFactory) -> TrainedModel:
    """The demo shop's intent model as ``init --demo`` trains it (first customer message of
    each generated conversation, ``train_classifier`` defaults), read from the files."""
    files = pinned_demo(tmp_path_factory.mktemp("demo-oos"), seed=7, topup=DEMO_TOPUP)
    with files.conversations.open(encoding="utf-8") as lines:
        data = record_examples(json.loads(line) for line in lines)
    return train_classifier(data.texts, data.labels, task="intent")


def test_a_second_request_in_a_clause_of_its_own_is_found(demo_model: TrainedModel) -> None:
    """A third fresh suite: "Dos cosas: ¿dónde está mi pedido NW-740107? y también quiero
    darme de baja del boletín" was answered with tracking alone: its unsubscribe clause read
    0.90 on its own but had under 1% in the whole text (0.2% is now enough). This model
    reads that Spanish clause at 0.63 only, under the 0.9 a clause needs; the English one
    at 0.95 with 0.6% in the whole text."""
    text = "Two things: where is my order NW-740107? And also, please take me off the newsletter"
    [result] = demo_model.analyse([text])
    assert (result.label, result.secondary) == ("order_status", "newsletter_unsubscribe")


def test_far_out_of_scope_messages_to_the_demo_shop_are_flagged(demo_model: TrainedModel) -> None:
    """Job applications, other services, weather, spam, chit-chat, another company's
    customers — written for the outdoor shop in en/de/fr/es (``far_oos_fresh.jsonl``);
    the ``held_out`` half was not looked at while the method was chosen. In-scope shop
    requests (that file's and the 240 of ``demo_intents_fresh.jsonl``) stay in scope."""
    rows = [json.loads(x) for x in FAR_FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert Counter((r["lang"], r["out_of_scope"]) for r in rows) == {
        (lang, oos): 12 for lang in ("en", "de", "fr", "es") for oos in (True, False)
    }
    assert "log_unseen_words" in demo_model.training["out_of_scope"]["features"]
    results = demo_model.analyse([r["text"] for r in rows])
    for split, (recall_bar, flagged_bar) in FAR_BARS.items():
        pick = [(r, res) for r, res in zip(rows, results, strict=True) if r["split"] == split]
        outside = [res.out_of_scope for r, res in pick if r["out_of_scope"]]
        inside = [res.out_of_scope for r, res in pick if not r["out_of_scope"]]
        assert np.mean(outside) >= recall_bar, (split, np.mean(outside))
        assert sum(inside) <= flagged_bar, (split, sum(inside))
    for res in results:
        if res.out_of_scope:  # out of scope never keeps an answer or a second intent
            assert res.label is None and res.abstained and res.secondary is None
    fresh = [json.loads(x) for x in DEMO_FRESH.read_text(encoding="utf-8").splitlines()]
    flagged = sum(r.out_of_scope for r in demo_model.analyse([x["text"] for x in fresh]))
    assert flagged <= FRESH_IN_SCOPE_FLAGGED_BAR, flagged


def _blend_reading(fresh: list[dict[str, str]], classes: list[str]) -> np.ndarray:
    """Probabilities of a second model that reads every language: 0.9 on the right intent
    (the encoder's intent head was right on about 2 in 3 of these, without this one's
    certainty; what is tested is the novelty's reading of the words, not the head)."""
    blend = np.full((len(fresh), len(classes)), 0.1 / (len(classes) - 1))
    for row, case in enumerate(fresh):
        blend[row, classes.index(case["intent"])] = 0.9
    return blend


def test_words_of_a_language_the_history_lacks_do_not_make_an_encoder_read_request_unknown(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A shop whose history is English: with the encoder reading a German, French or
    Spanish request (``blend``), its words — all unseen — no longer make it "none of my
    intents"; without the encoder they still do (the fast model cannot read it, a person
    should). English requests are read as before."""
    files = pinned_demo(tmp_path_factory.mktemp("demo-en"), seed=7, topup=DEMO_TOPUP)
    with files.conversations.open(encoding="utf-8") as lines:
        data = record_examples(json.loads(line) for line in lines)
    english = [i for i, t in enumerate(data.texts) if detect_language(t).code == "en"]
    model = train_classifier([data.texts[i] for i in english], [data.labels[i] for i in english])
    component = model.component
    assert isinstance(component, LinearIntentClassifier) and component.novelty_ is not None
    assert component.novelty_.languages == {"en"}
    assert model.training["out_of_scope"]["languages"] == ["en"]
    fresh = [json.loads(x) for x in DEMO_FRESH.read_text(encoding="utf-8").splitlines()]
    others = [case for case in fresh if case["language"] != "en"]
    texts = [case["text"] for case in others]
    blend = _blend_reading(others, component.classes_)

    without_encoder = component.analyse(texts)
    with_encoder = component.analyse(texts, blend=blend)
    component.novelty_.languages = None  # as a model saved before the languages were kept
    words_counted = component.analyse(texts, blend=blend)
    flagged = [sum(r.out_of_scope for r in results)
               for results in (without_encoder, with_encoder, words_counted)]  # fmt: skip
    # measured on 180: 171 flagged without the encoder, 170 with its words counted, 0 now
    assert flagged[0] >= 0.8 * len(texts) and flagged[2] >= 0.8 * len(texts), flagged
    assert flagged[1] <= 0.1 * len(texts), flagged
    component.novelty_.languages = frozenset({"en"})
    folder = tmp_path_factory.mktemp("model-en") / "m"
    model.save(folder)
    loaded = load_model(folder).component
    assert isinstance(loaded, LinearIntentClassifier) and loaded.novelty_ is not None
    assert loaded.novelty_.languages == {"en"}
    assert loaded.analyse(texts, blend=blend) == with_encoder
    english_fresh = [case["text"] for case in fresh if case["language"] == "en"]
    assert component.analyse(english_fresh) == component.analyse(
        english_fresh, blend=np.full((len(english_fresh), len(component.classes_)), np.nan)
    )


LONG_EMAILS = [  # written for this test: a story first, then the one question
    "Guten Tag,\n\nmeine Frau hat mir zum Geburtstag einen Gutschein geschenkt, und damit habe "
    "ich am Montag eine Isomatte und zwei Trinkflaschen bei Ihnen bestellt. Können Sie mir "
    "sagen, wo meine Bestellung gerade ist?\n\nViele Grüße\nJens Albrecht",
    "Hello,\n\nMy daughter starts her Duke of Edinburgh expedition next month, so I bought her "
    "a rucksack and a stove from you on Tuesday. Could you tell me where my order is now?\n\n"
    "Kind regards,\nRuth",
]
NOT_READ_BY_A_SENTENCE = [
    # its question is about none of the intents: the whole text's reading stands
    "Hi there,\n\nWe are a small film crew shooting a documentary in the Highlands next spring "
    "and your brand came up. Could you tell me who handles sponsorship requests?\n\nBest, Dan",
    # no question: a story about the shop's goods is not a request
    "Hola, compré unas botas la semana pasada para el Camino de Santiago y ya tengo ganas de "
    "usarlas. Me han dicho que el albergue de Sarria está muy bien y que hay que reservar.",
]


def test_a_long_email_is_read_by_its_question(demo_model: TrainedModel) -> None:
    """Fresh suites 5 and 6: formal e-mails ("Sehr geehrte Damen und Herren, ich habe vor
    einigen Tagen einen Gaskocher bestellt … Könnten Sie mir mitteilen, wo sich die Sendung
    befindet?") were out of scope as a whole (0.27-0.49, the story's words new to the model)
    while their question alone read 0.95-1.00. An unsure message is now read by its one sure
    question when that agrees with the whole text's best guess."""
    results = demo_model.analyse(LONG_EMAILS)
    for text, result in zip(LONG_EMAILS, results, strict=True):
        assert (result.label, result.out_of_scope) == ("order_status", False), text
        if result.read_from is not None:  # this model may read the whole e-mail well enough
            assert result.read_from.endswith("?") and result.read_from in text
            assert result.confidence >= 0.9
    assert any(result.read_from for result in results)
    for text, result in zip(
        NOT_READ_BY_A_SENTENCE, demo_model.analyse(NOT_READ_BY_A_SENTENCE), strict=True
    ):
        assert result.read_from is None and result.label is None, text


REQUESTS_WITHOUT_A_QUESTION_MARK = [  # written for this test: formal e-mails ask this way
    "Good morning,\n\nLast month my sister and I finally booked the ferry to Skye for the whole "
    "family, and I bought a four-season sleeping bag from you for the trip. I would like to "
    "know when order NW-551204 will be delivered.\n\nWarm regards,\nFiona",
    "Sehr geehrte Damen und Herren,\n\nfür unseren Verein habe ich im Frühjahr mehrere Zelte "
    "bei Ihnen gekauft, die Kasse prüft nun alle Belege des Jahres. Bitte senden Sie mir eine "
    "Rechnung zur Bestellung NW-730115.\n\nMit freundlichen Grüßen\nKlaus Wendt",
]


def test_a_long_email_is_read_by_a_request_without_a_question_mark(
    demo_model: TrainedModel,
) -> None:
    """Suite 7: a third of its long e-mails ask without "?" ("Please let me know the delivery
    status of order NW-240917.", "Bitte teilen Sie mir mit, …"), so nothing read them and
    they went to the general queue as out of scope. A polite request or a need said
    outright now asks as a question does (14 more e-mails of the suites read, each right)."""
    results = demo_model.analyse(REQUESTS_WITHOUT_A_QUESTION_MARK)
    found = [(r.label, r.out_of_scope) for r in results]
    assert found == [("order_status", False), ("invoice_request", False)]
    # the English one is out of scope as a whole and has no "?": only its request reads it
    assert results[0].read_from == "I would like to know when order NW-551204 will be delivered."
    assert results[1].read_from in (None, "Bitte senden Sie mir eine Rechnung zur Bestellung "
                                    "NW-730115.")  # fmt: skip


def test_reading_by_sentence_keeps_the_other_sure_sentence_as_a_second_request(
    demo_model: TrainedModel,
) -> None:
    """The question decides the intent; a statement read surely as another intent is the
    second request, so the answer to the question alone is not sent as if it settled all."""
    text = (
        "Dear team,\n\nOur scout troop camps by Loch Lomond every August, and this year the "
        "leaders chose your lightweight tents and cooking sets. Where is my order? Please also "
        "take me off the newsletter.\n\nRegards, Iain"
    )
    [whole] = demo_model.analyse([text])
    assert whole.read_from == "Where is my order?"
    assert (whole.label, whole.secondary) == ("order_status", "newsletter_unsubscribe")


def test_a_clause_that_says_also_is_a_second_request_without_support(
    demo_model: TrainedModel,
) -> None:
    """A new user's shop automated "Can I pause? Also my last bag was mouldy." with the pause
    article: the whole text is so sure of the first request that the complaint had no support
    in it. A clause that opens with "also" (plus, außerdem, aussi, además …) says itself that
    it is another request; "Can I also return the boots?" is still one request.
    ``bench/second_intent.py`` (BANKING77): false second intents 1.04% before and after;
    pairs joined with "? And also," both found 0.51 -> 0.59."""
    texts = [
        "Where is my order NW-1234? Also my last jacket arrived torn.",
        "Hi, I'd like to return the boots, plus the tent pole arrived broken.",
        "Can I also return the boots I bought?",
    ]
    found = [(r.label, r.secondary) for r in demo_model.analyse(texts)]
    assert found == [
        ("order_status", "damaged_item"),
        ("return_request", "damaged_item"),
        ("return_request", None),
    ]


def test_the_question_read_is_quoted_without_personal_data(demo_model: TrainedModel) -> None:
    """A review: the redacted text said [EMAIL] while the quoted question kept the address
    (``understand --json`` and the decision's explanation quote it)."""
    from tandemdesk.understand.pipeline import Pipeline

    text = LONG_EMAILS[1].replace(
        "Could you tell me where my order is now?",
        "ruth.k@example.org here, could you tell me where my order is now?",
    )
    [understood] = Pipeline(intent=demo_model).understand([text])
    assert "[EMAIL]" in understood.redacted_text
    assert understood.intent is not None and understood.intent.read_from is not None
    assert understood.intent.read_from.startswith("[EMAIL] here, could you tell me")
    assert "ruth.k@example.org" not in json.dumps(understood.to_dict())


def test_a_request_about_another_company_is_out_of_scope_and_names_it(
    demo_model: TrainedModel,
) -> None:
    """Fresh suites 6 and 8: the BT router's password, a Rappi delivery, dm's Payback points
    were read at 0.95-1.00 as this shop's requests and answered automatically. A name the
    history never used, attached to the thing asked about, is another company's service."""
    texts = [
        "my Revolut app keeps logging me out, how do I reset the password",
        "mi pedido de Glovo no llega, dónde está",
        "how do I reset my password?",
    ]
    results = demo_model.analyse(texts)
    assert [(r.out_of_scope, r.other_business) for r in results] == [
        (True, "Revolut"), (True, "Glovo"), (False, None),
    ]  # fmt: skip
    assert results[0].label is None and results[0].top_k[0][0] == "password_reset"


def test_a_request_not_to_do_something_asks_for_nothing(demo_model: TrainedModel) -> None:
    """A review: "Please do not cancel my order." read a long e-mail as a cancellation, and
    the draft a person approves would have confirmed it. A negated request does not ask."""
    text = (
        "Hello,\n\nwe went on a long hike in the Cairngorms last weekend and the app showed a "
        "strange message about my account afterwards. Please do not cancel my order. I am only "
        "asking because the message worried me.\n\nBest, Morag"
    )
    [result] = demo_model.analyse([text])
    assert result.read_from != "Please do not cancel my order."
    assert result.label != "cancel_order"
