# ruff: noqa: E501
"""More ways German-speaking customers word the same requests (written for tandemdesk).

See ``wording_en`` for why: the same requests typed knapp, umgangssprachlich, höflich
umständlich or trocken-ironisch, with order numbers as ``104233``, ``nw104233`` or
``NW104233``, and the look-alike intents given the same spread.
"""

from __future__ import annotations

from tandemdesk.demo.vocabulary import MoreTexts

MORE: MoreTexts = {
    "order_context": (
        "Bestellnr. {order_digits}.", "Bestellung {order_lower}.", "Es geht um die Bestellnummer {order_plain}.",
        "Meine Bestellung: {order_digits}", "Bestellt habe ich am {order_date}, Nummer {order_digits}.",
    ),
    "asks": {
        "order_status": (
            "Gibt es schon Neuigkeiten zu meiner Bestellung {order_digits}?",
            "Ist meine Bestellung schon verschickt worden? Ich habe keine Versandbestätigung bekommen.",
            "Wann kann ich mit meiner Lieferung rechnen?",
            "Können Sie mir die Sendungsnummer für meine Bestellung schicken?",
            "Ich habe am {order_date} bestellt und warte noch. Wann kommt das Paket?",
            "Wo steckt denn mein Paket? Im Briefkasten war bisher nichts.",
            "Ist {order_lower} schon unterwegs?",
            "Wie ist der aktuelle Stand meiner Bestellung {order}?",
            "Bis wann wird der Artikel {product} ungefähr geliefert?",
            "hab vor ner woche bestellt und noch nix bekommen, wann kommt das",
            "Meine Bestellung steht immer noch auf 'in Bearbeitung'. Ist sie schon raus?",
            "Macht mein Paket gerade eine Weltreise? Würde gern wissen, wann es ankommt.",
            "Haben Sie meine Bestellung schon an {carrier} übergeben?",
            "Kurze Frage: ist der Artikel {product} schon unterwegs? Ich bräuchte ihn bis zum Wochenende.",
            "Ist mein Paket schon unterwegs? Wäre schön, wenn es bis Freitag da ist.",
        ),
        "password_reset": (
            "Ich weiß mein Passwort nicht mehr. Wie bekomme ich ein neues?",
            "Können Sie mir bitte einen Link zum Zurücksetzen des Passworts schicken?",
            "Die E-Mail zum Zurücksetzen des Passworts kommt bei mir nie an.",
            "Der Link zum Zurücksetzen sagt jedes Mal 'ungültig'.",
            "Ich möchte mein Passwort ändern, aber die Seite zeigt nur einen Fehler.",
            "brauch ein neues passwort, die mail dafür kommt nicht",
        ),
        "invoice_request": (
            "Könnte ich bitte eine Kopie der Rechnung für {order_digits} bekommen?",
            "Mein Steuerberater braucht die Rechnung zur Bestellung {order}. Können Sie sie mir mailen?",
            "Können Sie die Rechnung bitte auf meine Firma mit USt-IdNr. ausstellen?",
            "In meinem Konto finde ich die Rechnung zur letzten Bestellung nicht.",
            "Bitte schicken Sie mir einen Kaufbeleg für den Artikel {product}.",
            "Ich bräuchte für {order_lower} eine Rechnung auf meinen Arbeitgeber.",
        ),
        "return_request": (
            "Ich möchte den Artikel {product} zurücksenden, was muss ich tun?",
            "Kann ich noch zurückgeben, wenn ich den Karton schon geöffnet habe?",
            "Der Artikel {product} ist doch nichts für mich. Wie läuft eine Retoure ab?",
            "Wie lange habe ich Zeit, etwas zurückzuschicken?",
            "Gibt es einen Retourenschein oder schicke ich das Paket einfach zurück?",
            "Ich möchte einen Teil der Bestellung {order_digits} zurückgeben.",
            "der artikel {product} gefällt mir nicht, kann ich den zurückschicken?",
        ),
        "loyalty_points": (
            "Wie viele Club-Punkte habe ich im Moment?",
            "Die Punkte für die Bestellung {order_digits} sind nie angekommen. Können Sie nachsehen?",
            "Wann werden mir die Punkte der letzten Bestellung gutgeschrieben?",
            "Kann ich meine Club-Punkte bei der nächsten Bestellung einlösen?",
            "Eigentlich müssten {points} Punkte mehr auf meinem Konto sein.",
            "wo sind meine clubpunkte für {order_lower}",
            "Wann bekomme ich die Treuepunkte für meine Bestellung?",
        ),
        "newsletter_unsubscribe": (
            "Ich möchte Ihren Newsletter nicht mehr erhalten.",
            "Können Sie mich aus dem Werbeverteiler nehmen? Das sind viel zu viele Mails.",
            "Ich habe mich abgemeldet, bekomme aber immer noch Werbung.",
            "Bitte schicken Sie mir keine Angebote mehr per E-Mail.",
            "Wie schalte ich die Werbe-E-Mails ab, ohne die Versandinfos zu verlieren?",
            "keine newsletter mehr bitte, mein postfach platzt",
            "Bitte entfernen Sie meine E-Mail-Adresse aus Ihrem Verteiler.",
            "Nehmen Sie meine Adresse bitte von der Werbeliste.",
            "Ich will keine Werbung mehr per Mail bekommen.",
            "Bitte streichen Sie mich von Ihrer Mailingliste.",
            "Wo kann ich den Newsletter abbestellen?",
        ),
        "delivery_problem": (
            "Laut Tracking wurde das Paket zugestellt, aber ich habe es nie bekommen.",
            "Der Bote hat eine Karte eingeworfen, obwohl ich zu Hause war.",
            "Das Paket geht laut Sendungsverfolgung an Sie zurück, warum?",
            "Die Sendungsverfolgung für {order_digits} zeigt seit Tagen einen Fehler.",
            "Angeblich wurde das Paket bei einem Nachbarn abgegeben, den ich nicht kenne.",
            "Der Zusteller behauptet, meine Adresse gibt es nicht, dabei stimmt sie.",
            "{carrier} meldet 'Adresse unbekannt' und schickt das Paket zurück.",
        ),
        "refund_request": (
            "Sie haben meine Retoure seit über einer Woche, wann kommt das Geld?",
            "Ich warte immer noch auf die Erstattung für {order_digits}.",
            "ist die erstattung für den artikel {product} schon raus?",
        ),
        "account_access": (
            "Ich kann mich trotz richtigem Passwort nicht anmelden.",
            "Mein Konto ist gesperrt, wie entsperre ich es?",
        ),
        "cancel_order": (
            "Ich möchte {order_digits} stornieren, ich habe versehentlich doppelt bestellt.",
            "Bitte halten Sie die Bestellung {order} an, bevor sie rausgeht.",
        ),
        "change_address": (
            "Können Sie die Bestellung {order_digits} an eine andere Adresse schicken? Ich bin in der Woche verreist.",
            "falsche PLZ bei {order_lower}, können Sie das vor dem Versand ändern?",
        ),
        "damaged_item": ("Der Reißverschluss am Artikel {product} war kaputt, als er ankam.", "der artikel {product} kam völlig zerdeppert an"),
        "missing_item": ("Ein Artikel aus {order_digits} war nicht im Paket.",),
        "subscription_change": ("Wie kündige ich meine Summit-Mitgliedschaft?", "Ich möchte meine Club-Mitgliedschaft auf den kostenlosen Tarif umstellen.", "Bitte melden Sie mich von Summit ab, ich will nicht mehr monatlich zahlen.", "Wie beende ich mein Summit-Abo?", "Ich möchte vom bezahlten Club-Tarif zurück zu Trail."),
        "data_deletion_request": ("Bitte löschen Sie mein Konto und alle gespeicherten Daten über mich.", "Löschen Sie bitte mein Kundenkonto und alle Daten, die Sie über mich haben.", "Ich möchte mein Konto komplett entfernen lassen, nicht nur die Mails."),
        "product_question": ("Gibt es den Artikel {product2} auch in anderen Farben?", "Fällt der Artikel {product2} klein oder normal aus?"),
        "promo_code": ("Mein Gutscheincode {promo} wird an der Kasse nicht angenommen.",),
        "billing_error": ("Mir wurde mehr berechnet als an der Kasse angezeigt.",),
        "double_charge": ("Die Zahlung für {order_digits} wurde zweimal abgebucht.",),
        "size_exchange": ("Kann ich den Artikel {product} gegen eine Nummer größer tauschen?",),
        "wrong_item": ("Im Paket war etwas anderes, nicht mein Artikel {product}.", "Sie haben mir den falschen Artikel geschickt, bestellt hatte ich {product}.", "Falsche Farbe geliefert, ich hatte eine andere bestellt."),
        "payment_declined": ("Meine Karte wird an der Kasse immer abgelehnt.",),
        "gift_card_problem": ("Das Guthaben meiner Geschenkkarte wird nicht angezeigt.",),
        "warranty_claim": ("Die Sohle am Artikel {product} löst sich nach ein paar Monaten, fällt das unter die Garantie?",),
        "complaint_escalation": ("Ich möchte eine offizielle Beschwerde einreichen.",),
        "price_match": ("Der Artikel {product} ist jetzt reduziert, bekomme ich die Differenz zurück?",),
    },
    "chats": {
        "order_status": (
            "wo bleibt mein paket", "ist {order_lower} schon raus?", "sendungsnummer bitte", "wann kommt meine bestellung",
            "status {order_digits}?", "noch nix angekommen", "schon verschickt?", "wann kommt {order_plain}",
            "lieferzeit für meine bestellung?", "hallo wo ist meine bestellung", "wann kommt der artikel {product}",
        ),
        "password_reset": (
            "passwort vergessen", "wie setze ich mein passwort zurück", "reset mail kommt nicht",
            "link zum passwort abgelaufen", "brauche neues passwort",
        ),
        "invoice_request": (
            "rechnung für {order_lower}?", "brauche eine rechnung", "wo ist meine rechnung",
            "rechnung mit ust-id bitte", "kaufbeleg bitte",
        ),
        "return_request": (
            "wie geht die retoure", "will was zurückschicken", "retourenlabel bitte",
            "rücksendung {order_lower}", "kann ich das zurückgeben?", "wie lange kann ich zurückgeben",
        ),
        "loyalty_points": (
            "punktestand?", "keine punkte für {order_lower}", "wann kommen die punkte",
            "wie löse ich punkte ein", "club punkte fehlen",
        ),
        "newsletter_unsubscribe": (
            "newsletter abbestellen", "zu viele mails, bitte stoppen", "keine werbung mehr bitte",
            "wie melde ich mich ab", "abmelden",
        ),
        "delivery_problem": ("angeblich zugestellt aber nicht da", "paket geht zurück an absender??", "zustellung fehlgeschlagen", "bote hat mich nicht angetroffen, war aber da"),
        "refund_request": ("geld noch nicht zurück", "erstattung fehlt"),
        "account_access": ("login geht nicht", "konto gesperrt"),
        "cancel_order": ("bitte {order_lower} stornieren", "nicht verschicken, will stornieren"),
        "change_address": ("lieferadresse ändern {order_lower}",),
        "damaged_item": ("kam kaputt an",),
        "missing_item": ("da fehlt was im paket",),
        "subscription_change": ("summit kündigen",),
        "data_deletion_request": ("konto und daten löschen bitte",),
        "product_question": ("fällt {product2} klein aus?",),
        "promo_code": ("code {promo} geht nicht",),
        "billing_error": ("falscher betrag abgebucht",),
        "double_charge": ("doppelt bezahlt",),
        "size_exchange": ("andere größe bitte",),
        "wrong_item": ("falscher artikel geliefert",),
    },
    "chat_order_replies": ("{order_digits}", "ist {order_lower}", "bestellung {order_plain}"),
}  # fmt: skip
