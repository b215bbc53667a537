# ruff: noqa: E501
"""German, French and Spanish versions of the most-read help articles.

Only the articles behind the most common intents are translated, as in most real help
centres; intents and tags are taken over from the English original, the id gets the
language as suffix (``kb-returns-policy-de``). Every article the default policy answers
with (``automatable_intents``) exists in all four languages, so a routine question gets
its answer in the customer's own language instead of a person by default.
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
        (
            "kb-invoices",
            "Rechnung und Firmenrechnung mit USt-IdNr.",
            """
Ihre Rechnung erhalten Sie per E-Mail, sobald Ihre Bestellung verschickt wird. Sie können
sie außerdem jederzeit unter **Meine Bestellungen** > **Rechnung** herunterladen. Für eine
Firmenrechnung mit Ihrer USt-IdNr. geben Sie die Firmendaten beim Bezahlen an, oder melden
Sie sich innerhalb von 30 Tagen nach der Bestellung bei uns, dann stellen wir sie neu aus.
""",
        ),
        (
            "kb-club-points",
            "Northwind-Club-Punkte",
            """
Als Club-Mitglied erhalten Sie **1 Punkt pro Euro** Einkaufswert. Die Punkte werden
**14 Tage nach der Zustellung** gutgeschrieben (wenn die Rückgabefrist der meisten
Bestellungen abgelaufen ist) und sind an der Kasse je 0,05 € wert. Punkte verfallen
24 Monate nachdem Sie sie erhalten haben. Ihren aktuellen Punktestand sehen Sie in Ihrem
Kundenkonto unter **Club → Meine Punkte**.

Fehlen Punkte für eine Bestellung, die vor mehr als 14 Tagen zugestellt wurde? Schreiben Sie
uns bitte mit der Bestellnummer.
""",
        ),
        (
            "kb-newsletter",
            "Vom Newsletter und von Werbe-E-Mails abmelden",
            """
In jedem Newsletter finden Sie ganz unten den Link **Abmelden**. Sie können Werbe-E-Mails
auch unter **Mein Konto** > **Kommunikation** ausschalten. Bereits geplante E-Mails können
noch bis zu 48 Stunden lang ankommen. E-Mails zu Bestellung und Versand erhalten Sie
weiterhin.
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
        (
            "kb-invoices",
            "Obtenir une facture ou une facture avec TVA",
            """
Votre facture vous est envoyée par e-mail à l'expédition de la commande et reste
téléchargeable à tout moment dans **Mes commandes** > **Facture**. Pour une facture au nom de
votre société avec votre numéro de TVA, indiquez les informations de la société lors du
paiement, ou contactez-nous dans les 30 jours suivant la commande et nous la rééditerons.
""",
        ),
        (
            "kb-club-points",
            "Les points du Northwind Club",
            """
Chaque membre du Club gagne **1 point par euro** dépensé. Les points sont crédités
**14 jours après la livraison** (une fois passé le délai de retour de la plupart des
commandes) et valent 0,05 € chacun au moment du paiement. Ils expirent 24 mois après avoir
été gagnés. Votre solde actuel s'affiche dans votre compte, rubrique **Club → Mes points**.

Des points manquent pour une commande livrée il y a plus de 14 jours ? Contactez-nous avec
le numéro de commande.
""",
        ),
        (
            "kb-newsletter",
            "Se désinscrire de nos e-mails",
            """
Chaque newsletter contient en bas un lien **Se désinscrire**. Vous pouvez aussi désactiver
les e-mails promotionnels dans **Mon compte** > **Communication**. Les e-mails déjà
programmés peuvent encore arriver pendant 48 heures. Les e-mails concernant vos commandes et
leur expédition sont toujours envoyés.
""",
        ),
    ),
    "es": (
        (
            "kb-returns-policy",
            "Nuestra política de devoluciones",
            """
Puede devolver cualquier artículo comprado en Northwind Outfitters en un plazo de
**30 días** desde la entrega, sin necesidad de justificarlo. La devolución es gratuita en la
UE, el Reino Unido, Noruega y Suiza.

## Qué se puede devolver
- Artículos sin usar, en su estado original y con la etiqueta.
- Calzado que solo se haya probado en interiores.
- Tiendas de campaña y sacos de dormir que no se hayan usado al aire libre.

## Qué no se puede devolver
- Cartuchos de gas (por motivos de seguridad).
- Artículos personalizados y productos de higiene abiertos, como los calcetines, salvo que
  tengan un defecto.

Los miembros Summit disponen de **100 días**. Los artículos defectuosos están cubiertos por
la garantía.
""",
        ),
        (
            "kb-how-to-return",
            "Cómo devolver un artículo",
            """
1. Inicie sesión y abra **Mis pedidos**.
2. Elija el pedido y haga clic en **Devolver artículo** junto al producto.
3. Indique un motivo e imprima la etiqueta prepagada (o muestre el código QR en el punto de entrega).
4. Entregue el paquete en cualquier punto del transportista que figura en la etiqueta.

Recibirá un correo cuando se escanee el paquete y otro cuando llegue a nuestro almacén.
¿No tiene cuenta? Use el número de pedido y su correo electrónico en la página de
devoluciones.
""",
        ),
        (
            "kb-password-reset",
            "Restablecer su contraseña",
            """
1. En la página de inicio de sesión, haga clic en **¿Ha olvidado su contraseña?**
2. Introduzca la dirección de correo electrónico de su cuenta.
3. Abra el correo de Northwind Outfitters y haga clic en el enlace en un plazo de **60 minutos**.

## El correo no llega
- Revise la carpeta de spam o de promociones.
- Compruebe que usa la dirección con la que se registró (puede ser una antigua).
- Solicite un solo enlace cada vez: cada nueva solicitud anula el enlace anterior.

¿Sigue sin recibir nada después de 15 minutos? Contacte con nosotros y le enviaremos el enlace
manualmente.
""",
        ),
        (
            "kb-invoices",
            "Obtener una factura o una factura con IVA",
            """
Le enviamos la factura por correo electrónico cuando sale su pedido, y puede descargarla en
cualquier momento en **Mis pedidos** > **Factura**. Para una factura a nombre de su empresa
con su NIF o CIF, añada los datos de la empresa al pagar, o contacte con nosotros en los
30 días siguientes al pedido y la emitiremos de nuevo.
""",
        ),
        (
            "kb-club-points",
            "Puntos del Northwind Club",
            """
Cada miembro del Club gana **1 punto por euro** gastado. Los puntos se abonan **14 días
después de la entrega** (cuando ha pasado el plazo de devolución de la mayoría de los
pedidos) y valen 0,05 € cada uno al pagar. Los puntos caducan 24 meses después de
obtenerlos. Su saldo actual aparece en su cuenta, en **Club → Mis puntos**.

¿Faltan puntos de un pedido entregado hace más de 14 días? Contacte con nosotros indicando el
número de pedido.
""",
        ),
        (
            "kb-newsletter",
            "Darse de baja de nuestros correos",
            """
Cada newsletter incluye al final un enlace para **darse de baja**. También puede desactivar
los correos publicitarios en **Mi cuenta** > **Comunicación**. Los correos que ya estaban
programados pueden seguir llegando durante un máximo de 48 horas. Los correos sobre sus
pedidos y envíos se siguen enviando siempre.
""",
        ),
    ),
}
