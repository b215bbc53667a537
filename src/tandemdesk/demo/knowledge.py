# ruff: noqa: E501
"""The demo's knowledge base (Markdown articles with front matter) and canned replies.

Macros carry ``{{…}}`` placeholders that the answering stage fills from the customer's
timeline (``{{order.number}}``, ``{{shipment.tracking_number}}`` …): a macro is only as good
as the facts it can pull in, which is exactly what the demo's events provide.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tandemdesk.demo.kb_en_account import ARTICLES as ACCOUNT_ARTICLES
from tandemdesk.demo.kb_en_orders import ARTICLES as ORDER_ARTICLES
from tandemdesk.demo.kb_en_orders import Article
from tandemdesk.demo.kb_translations import TRANSLATIONS

# (id, title, language, intents, body)
_MACROS: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("mac-where-is-my-order", "Where is my order (in transit)", "en", ("order_status",),
     "Hi {{customer.first_name}},\n\nThanks for getting in touch. Your order {{order.number}} shipped with {{shipment.carrier}} and is on its way. You can follow it with tracking number {{shipment.tracking_number}}; the current estimate is {{shipment.eta}}.\n\nBest regards,\n{{agent.first_name}}"),
    ("mac-delivery-investigation", "Delivery problem: investigation opened", "en", ("delivery_problem",),
     "Hi {{customer.first_name}},\n\nI'm sorry your parcel is delayed. I've opened an investigation with {{shipment.carrier}} for tracking number {{shipment.tracking_number}}. If it isn't delivered by {{shipment.eta}}, we'll send a replacement straight away.\n\nBest regards,\n{{agent.first_name}}"),
    ("mac-return-label", "Return label sent", "en", ("return_request",),
     "Hi {{customer.first_name}},\n\nI've emailed you a prepaid return label for order {{order.number}}. Drop the parcel at any {{shipment.carrier}} point; we refund within 5 business days after it arrives.\n\nKind regards,\n{{agent.first_name}}"),
    ("mac-refund-issued", "Refund issued", "en", ("refund_request", "cancel_order"),
     "Hi {{customer.first_name}},\n\nYour refund of {{refund.amount}} for order {{order.number}} has been issued today. Depending on your bank it takes 3-5 business days to show up.\n\nKind regards,\n{{agent.first_name}}"),
    ("mac-damaged-replacement", "Damaged item: free replacement", "en", ("damaged_item",),
     "Hi {{customer.first_name}},\n\nI'm so sorry your item from order {{order.number}} arrived damaged. I've sent a free replacement today; you'll receive the tracking number by email. There's no need to return the damaged one.\n\nBest regards,\n{{agent.first_name}}"),
    ("mac-duplicate-charge", "Duplicate charge refunded", "en", ("double_charge", "billing_error"),
     "Hi {{customer.first_name}},\n\nI can see the duplicate payment for order {{order.number}} and have refunded it today. I'm sorry for the worry this caused.\n\nBest regards,\n{{agent.first_name}}"),
    ("mac-cancel-confirmed", "Order cancelled", "en", ("cancel_order",),
     "Hi {{customer.first_name}},\n\nOrder {{order.number}} has been cancelled before it left our warehouse. You won't be charged, and any reservation will be released by your bank.\n\nKind regards,\n{{agent.first_name}}"),
    ("mac-address-updated", "Delivery address updated", "en", ("change_address",),
     "Hi {{customer.first_name}},\n\nI've updated the delivery address for order {{order.number}}. It hasn't shipped yet, so it will go straight to the new address.\n\nKind regards,\n{{agent.first_name}}"),
    ("mac-password-link", "Password reset link sent", "en", ("password_reset", "account_access"),
     "Hi {{customer.first_name}},\n\nI've sent a new password reset link to {{customer.email}}. It's valid for 60 minutes; please check your spam folder if you can't see it.\n\nBest regards,\n{{agent.first_name}}"),
    ("mac-size-exchange", "Size exchange set up", "en", ("size_exchange",),
     "Hi {{customer.first_name}},\n\nI've set up the exchange for order {{order.number}} and reserved the new size for you. Please send the original back with the free label in your inbox; we'll ship the new size as soon as the parcel is scanned.\n\nCheers,\n{{agent.first_name}}"),
    ("mac-invoice", "Invoice attached", "en", ("invoice_request",),
     "Hi {{customer.first_name}},\n\nPlease find attached the invoice for order {{order.number}}. All invoices are also available under 'My orders' in your account.\n\nKind regards,\n{{agent.first_name}}"),
    ("mac-gdpr-received", "Data deletion request received", "en", ("data_deletion_request",),
     "Hello {{customer.first_name}},\n\nWe've received your request to delete your account and personal data. We'll complete it within 30 days and confirm by email. Invoices have to be kept for legal reasons, but they will no longer be linked to an account.\n\nKind regards,\n{{agent.first_name}}"),
    ("mac-escalation", "Complaint escalated to team lead", "en", ("complaint_escalation",),
     "Hi {{customer.first_name}},\n\nI'm sorry for how this has been handled. I've passed your case about order {{order.number}} to our team lead, who will contact you personally within 24 hours.\n\nBest regards,\n{{agent.first_name}}"),
    ("mac-respectful-tone", "Asking for a respectful tone", "en", ("complaint_escalation",),
     "Hi {{customer.first_name}},\n\nI understand you're frustrated, and I want to get this sorted for you. To do that, I need us to keep the conversation respectful towards our team. Here's what I've done so far: …\n\n{{agent.first_name}}"),
    ("mac-where-is-my-order-de", "Wo ist meine Bestellung (unterwegs)", "de", ("order_status",),
     "Hallo {{customer.first_name}},\n\nvielen Dank für Ihre Nachricht. Ihre Bestellung {{order.number}} ist mit {{shipment.carrier}} unterwegs. Sendungsnummer: {{shipment.tracking_number}}, voraussichtliche Zustellung: {{shipment.eta}}.\n\nViele Grüße\n{{agent.first_name}}"),
    ("mac-return-label-de", "Rücksendeetikett verschickt", "de", ("return_request",),
     "Hallo {{customer.first_name}},\n\nich habe Ihnen ein kostenloses Rücksendeetikett für die Bestellung {{order.number}} geschickt. Die Erstattung erfolgt innerhalb von 5 Werktagen nach Eingang.\n\nViele Grüße\n{{agent.first_name}}"),
    ("mac-refund-issued-de", "Erstattung veranlasst", "de", ("refund_request",),
     "Hallo {{customer.first_name}},\n\ndie Erstattung von {{refund.amount}} für die Bestellung {{order.number}} wurde heute veranlasst. Je nach Bank dauert es 3-5 Werktage.\n\nViele Grüße\n{{agent.first_name}}"),
    ("mac-damaged-replacement-de", "Beschädigt: kostenloser Ersatz", "de", ("damaged_item",),
     "Hallo {{customer.first_name}},\n\nes tut mir leid, dass Ihr Artikel aus der Bestellung {{order.number}} beschädigt angekommen ist. Ich habe heute kostenlosen Ersatz verschickt.\n\nViele Grüße\n{{agent.first_name}}"),
    ("mac-where-is-my-order-fr", "Où est ma commande (en transit)", "fr", ("order_status",),
     "Bonjour {{customer.first_name}},\n\nMerci pour votre message. Votre commande {{order.number}} est en route avec {{shipment.carrier}}. Numéro de suivi : {{shipment.tracking_number}}, livraison prévue : {{shipment.eta}}.\n\nCordialement,\n{{agent.first_name}}"),
    ("mac-return-label-fr", "Étiquette de retour envoyée", "fr", ("return_request",),
     "Bonjour {{customer.first_name}},\n\nJe vous ai envoyé une étiquette de retour prépayée pour la commande {{order.number}}. Le remboursement intervient sous 5 jours ouvrés après réception.\n\nCordialement,\n{{agent.first_name}}"),
    ("mac-refund-issued-fr", "Remboursement effectué", "fr", ("refund_request",),
     "Bonjour {{customer.first_name}},\n\nLe remboursement de {{refund.amount}} pour la commande {{order.number}} a été effectué aujourd'hui. Selon votre banque, comptez 3 à 5 jours ouvrés.\n\nCordialement,\n{{agent.first_name}}"),
    ("mac-damaged-replacement-fr", "Article endommagé : remplacement gratuit", "fr", ("damaged_item",),
     "Bonjour {{customer.first_name}},\n\nJe suis désolé que votre article de la commande {{order.number}} soit arrivé abîmé. Je vous ai envoyé un remplacement gratuit aujourd'hui.\n\nCordialement,\n{{agent.first_name}}"),
    ("mac-cancel-confirmed-de", "Bestellung storniert", "de", ("cancel_order",),
     "Hallo {{customer.first_name}},\n\nIhre Bestellung {{order.number}} wurde storniert, bevor sie unser Lager verlassen hat. Ihnen wird nichts berechnet, und eine eventuelle Reservierung gibt Ihre Bank wieder frei.\n\nViele Grüße\n{{agent.first_name}}"),
    ("mac-cancel-confirmed-fr", "Commande annulée", "fr", ("cancel_order",),
     "Bonjour {{customer.first_name}},\n\nVotre commande {{order.number}} a été annulée avant de quitter notre entrepôt. Vous ne serez pas débité, et une éventuelle réservation sera libérée par votre banque.\n\nCordialement,\n{{agent.first_name}}"),
    ("mac-cancel-confirmed-es", "Pedido cancelado", "es", ("cancel_order",),
     "Hola, {{customer.first_name}}:\n\nSu pedido {{order.number}} se ha cancelado antes de salir de nuestro almacén. No se le cobrará nada y su banco liberará cualquier importe retenido.\n\nUn saludo,\n{{agent.first_name}}"),
    ("mac-address-updated-de", "Lieferadresse geändert", "de", ("change_address",),
     "Hallo {{customer.first_name}},\n\nich habe die Lieferadresse für die Bestellung {{order.number}} geändert. Sie ist noch nicht verschickt und geht direkt an die neue Adresse.\n\nViele Grüße\n{{agent.first_name}}"),
    ("mac-address-updated-fr", "Adresse de livraison modifiée", "fr", ("change_address",),
     "Bonjour {{customer.first_name}},\n\nJ'ai modifié l'adresse de livraison de la commande {{order.number}}. Elle n'a pas encore été expédiée et partira directement à la nouvelle adresse.\n\nCordialement,\n{{agent.first_name}}"),
    ("mac-address-updated-es", "Dirección de entrega cambiada", "es", ("change_address",),
     "Hola, {{customer.first_name}}:\n\nHe cambiado la dirección de entrega del pedido {{order.number}}. Todavía no se ha enviado, así que irá directamente a la nueva dirección.\n\nUn saludo,\n{{agent.first_name}}"),
    ("mac-where-is-my-order-es", "Dónde está mi pedido (en camino)", "es", ("order_status",),
     "Hola, {{customer.first_name}}:\n\nGracias por su mensaje. Su pedido {{order.number}} está en camino con {{shipment.carrier}}. Número de seguimiento: {{shipment.tracking_number}}; entrega prevista: {{shipment.eta}}.\n\nUn saludo,\n{{agent.first_name}}"),
)  # fmt: skip


def articles() -> list[tuple[dict[str, Any], str]]:
    """Every article as (front matter, Markdown body), English first, then translations."""
    english: tuple[Article, ...] = ORDER_ARTICLES + ACCOUNT_ARTICLES
    by_id = {row[0]: row for row in english}
    out: list[tuple[dict[str, Any], str]] = []
    for article_id, title, intents, tags, body in english:
        meta = {
            "id": article_id,
            "title": title,
            "language": "en",
            "intents": list(intents),
            "tags": list(tags),
        }
        out.append((meta, body.strip()))
    for language, rows in TRANSLATIONS.items():
        for source_id, title, body in rows:
            _, _, intents, tags, _ = by_id[source_id]
            meta = {"id": f"{source_id}-{language}", "title": title, "language": language,
                    "intents": list(intents), "tags": list(tags)}  # fmt: skip
            out.append((meta, body.strip()))
    return out


INFORMATIONAL_MACROS = ("mac-where-is-my-order",)
"""Macros that only state facts from the customer's data. The others say a person did
something ("I've emailed you a label", "the refund has been issued"): sent by the bot that
would be untrue, so they are tagged ``agent-only`` — drafts for agents, never automatic."""


def macros() -> list[dict[str, Any]]:
    """The canned replies in the ``macros.jsonl`` shape (ArticleRecord with kind "macro")."""
    return [
        {"external_id": mid, "kind": "macro", "title": title, "body": body,
         "language": language, "intents": list(intents),
         "tags": [] if mid.startswith(INFORMATIONAL_MACROS) else ["agent-only"]}
        for mid, title, language, intents, body in _MACROS
    ]  # fmt: skip


def render_article(meta: dict[str, Any], body: str) -> str:
    """Markdown with YAML front matter; strings are JSON-quoted, which YAML reads as-is."""
    lines = ["---", f"id: {meta['id']}", f"title: {json.dumps(meta['title'], ensure_ascii=False)}",
             f"language: {meta['language']}", f"intents: [{', '.join(meta['intents'])}]",
             f"tags: [{', '.join(meta['tags'])}]", "kind: article", "---",
             f"# {meta['title']}", "", body, ""]  # fmt: skip
    return "\n".join(lines)


def write_knowledge(articles_dir: Path, macros_path: Path) -> tuple[int, int]:
    """Write one ``<id>.md`` per article and ``macros.jsonl``; returns both counts."""
    articles_dir.mkdir(parents=True, exist_ok=True)
    rows = articles()
    for meta, body in rows:
        (articles_dir / f"{meta['id']}.md").write_text(
            render_article(meta, body), encoding="utf-8", newline="\n"
        )
    canned = macros()
    with macros_path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in canned:
            handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(rows), len(canned)
