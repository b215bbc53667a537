# ruff: noqa: E501
"""German agent and assistant replies for the demo (formal "Sie", as the shop writes)."""

from __future__ import annotations

from tandemdesk.demo.vocabulary import StaffTexts

STAFF: StaffTexts = {
    "agent_greet": ("Hallo {first} {last},", "Guten Tag {first} {last},", "Hallo {first},"),
    "chat_hello": ("Hallo {first}, hier ist {agent} vom {company}-Team.", "Hallo {first}! Ich bin {agent} und übernehme jetzt."),
    "empathy": {
        "calm": ("Vielen Dank für Ihre Nachricht!", "Danke, dass Sie sich melden."),
        "neutral": ("Vielen Dank für Ihre Anfrage.", "Danke für Ihre Nachricht."),
        "upset": ("Das tut mir wirklich leid, ich kann Ihren Ärger gut verstehen.", "Entschuldigen Sie bitte, da ist bei uns etwas schiefgelaufen."),
        "distressed": (
            "Es tut mir sehr leid, dass Sie sich damit herumschlagen müssen, und danke, dass Sie mir Ihre Situation schildern. Ich kümmere mich persönlich darum.",
            "Ich verstehe, dass das gerade belastend ist. Ich habe Ihren Fall als dringend markiert.",
        ),
        "abusive": (
            "Ich verstehe, dass Sie verärgert sind, und ich möchte Ihnen helfen. Bitte bleiben Sie dabei aber respektvoll gegenüber unserem Team.",
            "Ich helfe Ihnen gern weiter, bitte Sie aber um einen respektvollen Ton.",
        ),
    },
    "body": {
        "order_status": (
            "Ich habe Ihre Bestellung {order} geprüft: Sie wurde am {ship_date} mit {carrier} verschickt (Sendungsnummer {tracking}) und kommt voraussichtlich bis {eta} an.",
            "Ihr Paket ist mit {carrier} unterwegs. Sie können es mit der Sendungsnummer {tracking} verfolgen; voraussichtliche Zustellung: {eta}.",
        ),
        "delivery_problem": (
            "Ich habe {carrier} wegen der Sendung {tracking} kontaktiert. Es gab eine Verzögerung im Depot, die Zustellung erfolgt bis {eta}. Falls nicht, schicken wir sofort Ersatz.",
            "Ich habe bei {carrier} einen Nachforschungsauftrag für {tracking} gestellt und einen neuen Zustellversuch veranlasst, voraussichtlich bis {eta}.",
        ),
        "damaged_item": (
            "Es tut mir leid, dass der Artikel {product} beschädigt angekommen ist. Ich habe heute kostenlos Ersatz verschickt; die Sendungsnummer bekommen Sie per E-Mail. Den beschädigten Artikel müssen Sie nicht zurückschicken.",
            "Ich habe Ihnen kostenlos einen neuen Artikel {product} geschickt. Den beschädigten können Sie behalten oder entsorgen.",
        ),
        "return_request": (
            "Sie können den Artikel {product} innerhalb von 30 Tagen zurückgeben. Ich habe Ihnen ein kostenloses Rücksendeetikett gemailt; geben Sie das Paket einfach bei {carrier} ab. Sobald es bei uns ist, erstatten wir {amount} innerhalb von 5 Werktagen.",
            "Ich habe die Retoure für den Artikel {product} aus Bestellung {order} angelegt. Das Etikett ist in Ihrem Postfach, die Rücksendung ist für Sie kostenlos.",
        ),
        "refund_request": (
            "Ihre Rücksendung ist bei uns eingegangen. Ich habe die Erstattung von {amount} soeben veranlasst; je nach Bank dauert es 3-5 Werktage.",
            "Die Erstattung von {amount} für die Bestellung {order} wurde heute ausgeführt.",
        ),
        "billing_error": (
            "Sie haben recht, der Rabatt wurde nicht korrekt abgezogen. Die Differenz von {diff} habe ich Ihnen erstattet.",
            "Ihnen wurden {charged} statt {amount} berechnet. Die Differenz von {diff} wurde heute zurückgebucht.",
        ),
        "double_charge": (
            "Ich sehe zwei Zahlungen über {amount} für die Bestellung {order}. Die zweite war doppelt, ich habe sie heute erstattet.",
            "Entschuldigen Sie die doppelte Abbuchung. Die zusätzlichen {amount} habe ich heute zurückerstattet.",
        ),
        "cancel_order": (
            "Ich habe die Bestellung {order} storniert, bevor sie unser Lager verlassen hat. Die {amount} werden Ihnen innerhalb von 3-5 Werktagen erstattet.",
            "Ihre Bestellung {order} ist storniert, der Betrag von {amount} geht zurück auf Ihr Zahlungsmittel.",
        ),
        "change_address": (
            "Ich habe die Lieferadresse der Bestellung {order} auf Ihre neue Adresse in {city} geändert. Sie ist noch nicht verschickt und geht direkt dorthin.",
            "Erledigt: Die Bestellung {order} wird jetzt nach {city} geliefert.",
        ),
        "password_reset": (
            "Ich habe Ihnen einen neuen Link zum Zurücksetzen des Passworts geschickt. Er ist 60 Minuten gültig; bitte prüfen Sie auch den Spam-Ordner.",
            "Ich habe den Zugang zurückgesetzt; Sie erhalten eine E-Mail mit einem Link für ein neues Passwort.",
        ),
        "account_access": (
            "Ihr Konto wurde nach mehreren Fehlversuchen gesperrt. Ich habe es wieder entsperrt, Sie können sich jetzt anmelden.",
            "Ich habe Ihr Konto entsperrt. Zu Ihrer Sicherheit empfehle ich ein neues Passwort.",
        ),
        "product_question": (
            "Gute Frage! Der Artikel {product2} ist einer unserer beliebtesten. Alle technischen Daten finden Sie auf der Produktseite, und wenn Sie mir mehr über Ihre Tour erzählen, berate ich Sie gern.",
            "Der Artikel {product2} ist für drei Jahreszeiten ausgelegt und hat 2 Jahre Garantie. Im Vergleich zu {product} ist er etwas schwerer, aber robuster.",
        ),
        "size_exchange": (
            "Kein Problem! Ich habe den Umtausch von {size} auf {new_size} angelegt. Schicken Sie die {size} mit dem kostenlosen Etikett zurück, dann versenden wir die {new_size} sofort.",
            "Ich habe den Artikel {product} in {new_size} für Sie reserviert. Sobald die {size} bei uns ist, geht er raus.",
        ),
        "wrong_item": (
            "Entschuldigung, wir haben {product2} statt {product} geschickt. Der richtige Artikel ist heute rausgegangen, das Rücksendeetikett für {product2} habe ich Ihnen gemailt.",
        ),
        "missing_item": (
            "Es tut mir leid, dass der Artikel {product2} gefehlt hat. Ich habe ihn heute kostenlos nachgeschickt.",
        ),
        "warranty_claim": (
            "Ihr Artikel {product} ist durch unsere 2-Jahres-Garantie abgedeckt. Ich habe einen Garantiefall eröffnet; schicken Sie uns bitte ein paar Fotos, dann organisieren wir Reparatur oder Ersatz.",
        ),
        "gift_card_problem": (
            "Ich habe den Gutschein {giftcode} geprüft: Der Fehler lag bei uns. Ich habe ihn mit vollem Guthaben neu ausgestellt und Ihnen den neuen Code gemailt.",
        ),
        "price_match": (
            "Gute Nachricht: Für den Artikel {product} gilt unser 14-Tage-Preisversprechen. Die Differenz von {diff} habe ich Ihnen erstattet.",
        ),
        "invoice_request": (
            "Im Anhang finden Sie die Rechnung zur Bestellung {order}. Alle Rechnungen können Sie auch unter 'Meine Bestellungen' herunterladen.",
            "Ich habe Ihnen die Rechnung zur Bestellung {order} per E-Mail geschickt. Falls ein Firmenname drauf soll, antworten Sie einfach mit den Daten.",
        ),
        "data_deletion_request": (
            "Wir haben Ihren Antrag auf Löschung Ihres Kontos und Ihrer Daten erhalten und erledigen ihn innerhalb von 30 Tagen. Rechnungen müssen wir aus gesetzlichen Gründen aufbewahren.",
        ),
        "complaint_escalation": (
            "Es tut mir leid, wie das gelaufen ist. Ich habe Ihren Fall an unsere Teamleitung weitergegeben, die sich innerhalb von 24 Stunden persönlich bei Ihnen meldet. Als Entschuldigung haben wir Ihnen einen Gutschein gutgeschrieben.",
        ),
        "loyalty_points": (
            "Ich habe Ihnen die fehlenden {points} Club-Punkte für die Bestellung {order} gutgeschrieben.",
        ),
        "subscription_change": (
            "Ich habe Ihre Mitgliedschaft auf den kostenlosen Trail-Tarif umgestellt; es wird nichts mehr abgebucht. Die Summit-Vorteile behalten Sie bis Monatsende.",
        ),
        "payment_declined": (
            "Die Zahlung wurde von der 3-D-Secure-Prüfung Ihrer Bank abgelehnt, nicht von uns. Der reservierte Betrag wird automatisch freigegeben; mit PayPal oder einer anderen Karte klappt es meistens sofort.",
        ),
        "promo_code": (
            "Der Code {promo} hätte funktionieren müssen. Ich habe Ihnen den Rabatt von {diff} nachträglich erstattet.",
        ),
        "newsletter_unsubscribe": (
            "Ich habe Ihre E-Mail-Adresse aus allen Werbe-Mails entfernt. Bereits geplante Mails können noch bis zu 48 Stunden kommen.",
        ),
    },
    "also_done": ("Ihre zweite Frage habe ich ebenfalls erledigt.", "Um Ihr anderes Anliegen habe ich mich auch gekümmert."),
    "followup": (
        "Es tut mir leid, dass es noch nicht gelöst ist. Ich habe den Fall an meine Teamleitung eskaliert, wir melden uns innerhalb von 24 Stunden.",
        "Danke für die Rückmeldung. Ich habe das an unser Fachteam weitergegeben, das sich direkt bei Ihnen meldet.",
    ),
    "final": ("Gern geschehen! Einen schönen Tag noch.", "Freut mich, dass ich helfen konnte. Viel Spaß draußen!"),
    "close": ("Melden Sie sich gern, wenn ich noch etwas für Sie tun kann.", "Bei weiteren Fragen antworten Sie einfach auf diese E-Mail."),
    "sign": ("Mit freundlichen Grüßen\n{agent}\n{company} Kundenservice", "Viele Grüße\n{agent}"),
    "phone_hello": ("{company} Kundenservice, {agent} am Apparat.", "Guten Tag, hier ist {agent} von {company}."),
    "bot_greet": ("Hallo! Ich bin {bot}, die digitale Assistentin von {company}.", "Hallo {first}! Hier ist {bot}."),
    "bot_answer": {
        "order_status": ("Ihre Bestellung {order} ist mit {carrier} unterwegs. Sendungsnummer: {tracking}. Voraussichtliche Zustellung: {eta}.",),
        "return_request": ("Eine Retoure für den Artikel {product} starten Sie unter 'Meine Bestellungen' > 'Artikel zurücksenden'. Rücksendungen sind 30 Tage kostenlos.",),
        "cancel_order": ("Die Bestellung {order} ist noch nicht verschickt, ich habe sie storniert. Die Erstattung von {amount} ist unterwegs.",),
        "password_reset": ("Ich habe Ihnen einen Link zum Zurücksetzen des Passworts geschickt. Er ist 60 Minuten gültig.",),
        "change_address": ("Ich habe die Lieferadresse der Bestellung {order} auf {city} geändert.",),
        "invoice_request": ("Die Rechnung zu {order} finden Sie unter 'Meine Bestellungen' > 'Rechnung'. Ich habe sie Ihnen auch gemailt.",),
        "loyalty_points": ("Club-Punkte werden 14 Tage nach der Zustellung gutgeschrieben. Für {order} bekommen Sie {points} Punkte.",),
        "newsletter_unsubscribe": ("Erledigt! Sie sind vom Newsletter abgemeldet.",),
    },
    "bot_handoff": ("Ich verbinde Sie mit einer Kollegin oder einem Kollegen.", "Ich gebe Sie an unser Team weiter, das dauert meist nur ein paar Minuten."),
    "bot_ask_order": ("Wie lautet Ihre Bestellnummer? Sie beginnt mit NW-.",),
}  # fmt: skip
