# ruff: noqa: E501
"""German and French versions of the most-read help articles.

Only the articles behind the most common intents are translated, as in most real help
centres; intents and tags are taken over from the English original, the id gets the
language as suffix (``kb-returns-policy-de``).
"""

from __future__ import annotations

# language -> (English id, title, body)
TRANSLATIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "de": (
        (
            "kb-returns-policy",
            "Unsere Rückgaberegeln",
            """
Sie können alles, was Sie bei Northwind Outfitters gekauft haben, innerhalb von **30 Tagen**
nach der Zustellung ohne Angabe von Gründen zurückgeben. Die Rücksendung ist in der EU, im
Vereinigten Königreich, in Norwegen und in der Schweiz kostenlos.

## Was zurückgegeben werden kann
- Ungenutzte Artikel im Originalzustand mit Etikett.
- Schuhe, die nur drinnen anprobiert wurden.
- Zelte und Schlafsäcke, die nicht draußen benutzt wurden.

## Was nicht zurückgegeben werden kann
- Gaskartuschen (aus Sicherheitsgründen).
- Personalisierte Artikel und geöffnete Hygieneartikel wie Socken, außer bei Mängeln.

Summit-Mitglieder haben **100 Tage** Zeit. Defekte Artikel fallen unter die Garantie.
""",
        ),
        (
            "kb-how-to-return",
            "So senden Sie einen Artikel zurück",
            """
1. Melden Sie sich an und öffnen Sie **Meine Bestellungen**.
2. Wählen Sie die Bestellung und klicken Sie neben dem Artikel auf **Artikel zurücksenden**.
3. Wählen Sie einen Grund und drucken Sie das kostenlose Etikett aus (oder zeigen Sie den QR-Code).
4. Geben Sie das Paket bei einer Annahmestelle des Versanddienstleisters ab.

Sie erhalten eine E-Mail, sobald das Paket gescannt wurde, und eine weitere, wenn es in
unserem Lager angekommen ist.
""",
        ),
        (
            "kb-refund-timing",
            "Wann bekomme ich mein Geld zurück?",
            """
Wir erstatten innerhalb von **5 Werktagen**, nachdem Ihre Rücksendung in unserem Lager
angekommen ist, auf das ursprüngliche Zahlungsmittel:

| Zahlungsart | Bis Sie es sehen |
|---|---|
| Karte | 3-5 Werktage nach der Erstattung |
| PayPal | meist innerhalb von 24 Stunden |
| Klarna | Ihre Rechnung wird innerhalb von 2 Tagen angepasst |

Ist die Rücksendung seit mehr als 10 Werktagen bei uns und das Geld noch nicht da, melden
Sie sich bitte mit Ihrer Bestellnummer.
""",
        ),
        (
            "kb-track-order",
            "Wie verfolge ich meine Bestellung?",
            """
Sobald Ihre Bestellung verschickt ist, schicken wir Ihnen den Versanddienstleister und eine
**Sendungsnummer** per E-Mail. Sie finden sie auch unter **Meine Bestellungen** > **Sendung verfolgen**.

Der erste Scan kann bis zu 24 Stunden dauern. Hat sich die Sendungsverfolgung seit mehr als
3 Werktagen nicht geändert, melden Sie sich mit Ihrer Bestellnummer (beginnt mit NW-).
""",
        ),
        (
            "kb-delivery-problems",
            "Zustellung fehlgeschlagen, verspätet oder als zugestellt markiert",
            """
## Der Zusteller hat niemanden angetroffen
Meist erfolgt am nächsten Werktag ein neuer Versuch oder das Paket liegt in einer Filiale.

## Die Sendungsverfolgung zeigt eine Störung
Wir stellen einen Nachforschungsauftrag. Wird das Paket nicht innerhalb von 5 Werktagen
zugestellt, schicken wir Ersatz oder erstatten den Betrag.

## Als zugestellt markiert, aber nicht erhalten
Fragen Sie bitte bei Nachbarn nach. Fehlt das Paket nach 48 Stunden noch, melden Sie sich.
""",
        ),
        (
            "kb-damaged-item",
            "Mein Artikel ist beschädigt angekommen",
            """
Das tut uns leid! Schicken Sie uns bitte ein Foto des Schadens und des Pakets. Wir senden
Ihnen sofort **kostenlosen Ersatz** oder erstatten den Betrag, wenn Sie das möchten. Den
beschädigten Artikel müssen Sie nur zurückschicken, wenn wir Sie darum bitten.
""",
        ),
        (
            "kb-password-reset",
            "Passwort zurücksetzen",
            """
1. Klicken Sie auf der Anmeldeseite auf **Passwort vergessen?**
2. Geben Sie die E-Mail-Adresse Ihres Kontos ein.
3. Klicken Sie innerhalb von **60 Minuten** auf den Link in unserer E-Mail.

Keine E-Mail erhalten? Prüfen Sie den Spam-Ordner und fordern Sie nur einen Link an: Jede
neue Anfrage macht den vorherigen Link ungültig.
""",
        ),
        (
            "kb-cancel-order",
            "Eine Bestellung stornieren",
            """
Solange die Bestellung unser Lager nicht verlassen hat, können Sie sie unter
**Meine Bestellungen** > **Bestellung stornieren** oder über unsere Chat-Assistentin
stornieren. Ist die Schaltfläche verschwunden, ist die Bestellung schon unterwegs; Sie
können sie nach Erhalt kostenlos zurückschicken.
""",
        ),
    ),
    "fr": (
        (
            "kb-returns-policy",
            "Notre politique de retour",
            """
Vous pouvez retourner tout article acheté chez Northwind Outfitters dans un délai de
**30 jours** après la livraison, sans justification. Le retour est gratuit dans l'UE, au
Royaume-Uni, en Norvège et en Suisse.

## Ce qui peut être retourné
- Les articles non utilisés, dans leur état d'origine, avec étiquette.
- Les chaussures essayées uniquement à l'intérieur.
- Les tentes et sacs de couchage non utilisés en extérieur.

## Ce qui ne peut pas être retourné
- Les cartouches de gaz (pour des raisons de sécurité).
- Les articles personnalisés et les articles d'hygiène ouverts, sauf défaut.

Les membres Summit disposent de **100 jours**. Les articles défectueux relèvent de la garantie.
""",
        ),
        (
            "kb-how-to-return",
            "Comment retourner un article",
            """
1. Connectez-vous et ouvrez **Mes commandes**.
2. Choisissez la commande et cliquez sur **Retourner un article**.
3. Indiquez un motif et imprimez l'étiquette prépayée (ou présentez le QR code).
4. Déposez le colis dans un point relais du transporteur indiqué.

Vous recevez un e-mail lorsque le colis est scanné, puis un autre à son arrivée dans notre entrepôt.
""",
        ),
        (
            "kb-refund-timing",
            "Quand serai-je remboursé ?",
            """
Nous remboursons sous **5 jours ouvrés** après l'arrivée de votre retour dans notre
entrepôt, sur le moyen de paiement utilisé :

| Moyen de paiement | Délai de réception |
|---|---|
| Carte | 3 à 5 jours ouvrés après le remboursement |
| PayPal | en général sous 24 heures |
| Klarna | votre facture est ajustée sous 2 jours |

Si votre retour est arrivé il y a plus de 10 jours ouvrés sans remboursement, contactez-nous
avec votre numéro de commande.
""",
        ),
        (
            "kb-track-order",
            "Comment suivre ma commande ?",
            """
Dès l'expédition, nous vous envoyons par e-mail le transporteur et un **numéro de suivi**.
Vous le trouvez aussi dans **Mes commandes** > **Suivre le colis**.

Le premier scan peut prendre 24 heures. Si le suivi n'a pas bougé depuis plus de 3 jours
ouvrés, contactez-nous avec votre numéro de commande (il commence par NW-).
""",
        ),
        (
            "kb-delivery-problems",
            "Livraison échouée, retardée ou indiquée comme livrée",
            """
## Le livreur n'a trouvé personne
Le transporteur repasse en général le jour ouvré suivant ou dépose le colis en point relais.

## Le suivi indique un incident
Nous ouvrons une enquête. Si le colis n'est pas livré sous 5 jours ouvrés, nous renvoyons
un colis ou nous vous remboursons.

## Indiqué comme livré mais non reçu
Vérifiez auprès de vos voisins. Si le colis reste introuvable après 48 heures, contactez-nous.
""",
        ),
        (
            "kb-damaged-item",
            "Mon article est arrivé endommagé",
            """
Nous en sommes désolés ! Envoyez-nous une photo du dommage et du colis. Nous vous envoyons
immédiatement un **remplacement gratuit**, ou nous vous remboursons si vous le préférez.
Inutile de renvoyer l'article abîmé, sauf si nous vous le demandons.
""",
        ),
        (
            "kb-password-reset",
            "Réinitialiser votre mot de passe",
            """
1. Sur la page de connexion, cliquez sur **Mot de passe oublié ?**
2. Saisissez l'adresse e-mail de votre compte.
3. Cliquez sur le lien reçu dans les **60 minutes**.

Pas d'e-mail ? Vérifiez vos spams et ne demandez qu'un seul lien à la fois : chaque nouvelle
demande annule la précédente.
""",
        ),
        (
            "kb-cancel-order",
            "Annuler une commande",
            """
Tant que la commande n'a pas quitté notre entrepôt, vous pouvez l'annuler dans
**Mes commandes** > **Annuler la commande** ou via notre assistante dans le chat. Si le
bouton a disparu, la commande est partie ; vous pourrez la retourner gratuitement.
""",
        ),
    ),
}
