# ruff: noqa: E501
"""French agent and assistant replies for the demo (the shop writes "vous")."""

from __future__ import annotations

from tandemdesk.demo.vocabulary import StaffTexts

STAFF: StaffTexts = {
    "agent_greet": ("Bonjour {first},", "Bonjour {first} {last},", "Chère cliente, cher client,"),
    "chat_hello": ("Bonjour {first}, ici {agent} de l'équipe {company}.", "Bonjour {first} ! Je suis {agent}, je prends le relais."),
    "empathy": {
        "calm": ("Merci pour votre message !", "Merci de nous avoir contactés."),
        "neutral": ("Merci pour votre demande.", "Merci de votre message."),
        "upset": ("Je suis vraiment désolé, je comprends tout à fait votre agacement.", "Toutes nos excuses, quelque chose s'est mal passé de notre côté."),
        "distressed": (
            "Je suis sincèrement désolée que vous ayez à gérer cela, et merci de m'avoir expliqué votre situation. Je m'en occupe personnellement.",
            "Je comprends que ce soit stressant, j'ai marqué votre dossier comme prioritaire.",
        ),
        "abusive": (
            "Je comprends votre colère et je veux vous aider. Je vous demande simplement de rester respectueux envers notre équipe.",
            "Je vais vous aider, mais je vous prie de garder un ton courtois.",
        ),
    },
    "body": {
        "order_status": (
            "J'ai vérifié votre commande {order} : elle a été expédiée le {ship_date} avec {carrier} (numéro de suivi {tracking}) et devrait arriver d'ici {eta}.",
            "Votre colis est en route avec {carrier}. Vous pouvez le suivre avec le numéro {tracking} ; livraison prévue : {eta}.",
        ),
        "delivery_problem": (
            "J'ai contacté {carrier} au sujet du colis {tracking}. Ils confirment un retard au dépôt et livreront d'ici {eta}. Sinon, nous vous renvoyons un colis immédiatement.",
            "J'ai ouvert une enquête auprès de {carrier} pour le colis {tracking} et demandé une nouvelle livraison, prévue d'ici {eta}.",
        ),
        "damaged_item": (
            "Je suis désolé que l'article {product} soit arrivé abîmé. Je vous ai envoyé un remplacement gratuit aujourd'hui ; vous recevrez le numéro de suivi par e-mail. Inutile de renvoyer l'article endommagé.",
            "Je vous ai envoyé un nouvel article {product} sans frais. Vous pouvez garder ou recycler l'article abîmé.",
        ),
        "return_request": (
            "Vous pouvez retourner l'article {product} sous 30 jours. Je vous ai envoyé une étiquette de retour prépayée ; déposez simplement le colis chez {carrier}. Dès réception, nous vous remboursons {amount} sous 5 jours ouvrés.",
            "J'ai créé le retour de l'article {product} pour la commande {order}. L'étiquette est dans votre boîte mail, le retour est gratuit.",
        ),
        "refund_request": (
            "Votre retour est bien arrivé. Je viens de lancer le remboursement de {amount} ; selon votre banque, comptez 3 à 5 jours ouvrés.",
            "Le remboursement de {amount} pour la commande {order} a été effectué aujourd'hui.",
        ),
        "billing_error": (
            "Vous avez raison, la réduction n'a pas été appliquée correctement. Je vous ai remboursé la différence de {diff}.",
            "Vous avez été débité de {charged} au lieu de {amount}. La différence de {diff} a été remboursée aujourd'hui.",
        ),
        "double_charge": (
            "Je vois deux paiements de {amount} pour la commande {order}. Le second était un doublon, je l'ai remboursé aujourd'hui.",
            "Désolé pour ce double débit. J'ai remboursé les {amount} en trop aujourd'hui.",
        ),
        "cancel_order": (
            "J'ai annulé la commande {order} avant son départ de l'entrepôt. Les {amount} vous seront remboursés sous 3 à 5 jours ouvrés.",
            "Votre commande {order} est annulée, le montant de {amount} sera remboursé sur votre moyen de paiement.",
        ),
        "change_address": (
            "J'ai mis à jour l'adresse de livraison de la commande {order} avec votre nouvelle adresse à {city}. Elle n'est pas encore partie et ira directement là-bas.",
            "C'est fait : la commande {order} sera livrée à {city}.",
        ),
        "password_reset": (
            "Je vous ai envoyé un nouveau lien de réinitialisation. Il est valable 60 minutes ; pensez à vérifier vos spams.",
            "J'ai réinitialisé l'accès à votre compte ; vous allez recevoir un e-mail pour choisir un nouveau mot de passe.",
        ),
        "account_access": (
            "Votre compte avait été verrouillé après plusieurs tentatives. Je l'ai débloqué, vous pouvez vous reconnecter.",
            "J'ai débloqué votre compte. Par sécurité, je vous conseille de choisir un nouveau mot de passe.",
        ),
        "product_question": (
            "Bonne question ! L'article {product2} est l'un de nos best-sellers. Toutes les caractéristiques sont sur la fiche produit, et je peux vous conseiller si vous me parlez de votre sortie.",
            "L'article {product2} est conçu pour trois saisons et garanti 2 ans. Par rapport à {product}, il est un peu plus lourd mais plus robuste.",
        ),
        "size_exchange": (
            "Pas de problème ! J'ai créé l'échange de {size} vers {new_size}. Renvoyez la taille {size} avec l'étiquette gratuite et nous expédions la {new_size} dès le scan du colis.",
        ),
        "wrong_item": (
            "Désolé, nous avons envoyé {product2} au lieu de {product}. Le bon article est parti aujourd'hui et je vous ai envoyé une étiquette de retour gratuite pour {product2}.",
        ),
        "missing_item": (
            "Je suis désolé que l'article {product2} ait manqué. Je vous l'ai envoyé séparément aujourd'hui, sans frais.",
        ),
        "warranty_claim": (
            "Votre article {product} est couvert par notre garantie de 2 ans. J'ai ouvert un dossier ; envoyez-nous quelques photos et nous organiserons une réparation ou un remplacement.",
        ),
        "gift_card_problem": (
            "J'ai vérifié la carte cadeau {giftcode} : l'erreur venait de chez nous. Je l'ai réémise avec le solde complet et vous ai envoyé le nouveau code.",
        ),
        "price_match": (
            "Bonne nouvelle : l'article {product} bénéficie de notre garantie de prix de 14 jours. Je vous ai remboursé la différence de {diff}.",
        ),
        "invoice_request": (
            "Vous trouverez ci-joint la facture de la commande {order}. Toutes vos factures sont aussi disponibles dans « Mes commandes ».",
            "Je vous ai envoyé la facture de la commande {order} par e-mail. Si vous avez besoin du nom de votre entreprise, répondez-moi avec les informations.",
        ),
        "data_deletion_request": (
            "Nous avons bien reçu votre demande de suppression de compte et de données. Elle sera traitée sous 30 jours. Les factures doivent être conservées pour des raisons légales.",
        ),
        "complaint_escalation": (
            "Je suis désolée de la manière dont cela s'est passé. J'ai transmis votre dossier à notre responsable, qui vous recontactera personnellement sous 24 heures. En guise d'excuse, un bon d'achat a été ajouté à votre compte.",
        ),
        "loyalty_points": (
            "J'ai ajouté les {points} points Club manquants pour la commande {order}.",
        ),
        "subscription_change": (
            "J'ai basculé votre abonnement vers l'offre gratuite Trail, vous ne serez plus prélevé. Vous gardez les avantages Summit jusqu'à la fin du mois.",
        ),
        "payment_declined": (
            "Le paiement a été refusé par le contrôle 3-D Secure de votre banque, pas par nous. Le montant réservé sera libéré automatiquement ; avec PayPal ou une autre carte, cela fonctionne généralement tout de suite.",
        ),
        "promo_code": (
            "Le code {promo} aurait dû fonctionner. Je vous ai remboursé la réduction de {diff}.",
        ),
        "newsletter_unsubscribe": (
            "J'ai retiré votre adresse de tous nos e-mails marketing. Les envois déjà programmés peuvent encore arriver pendant 48 heures.",
        ),
    },
    "also_done": ("Je me suis aussi occupé de votre autre demande.", "Votre deuxième question est réglée également."),
    "followup": (
        "Je suis désolé que ce ne soit pas encore réglé. J'ai transmis votre dossier à ma responsable, nous revenons vers vous sous 24 heures.",
        "Merci pour votre retour. J'ai transmis à notre équipe spécialisée, qui vous contactera directement.",
    ),
    "final": ("Avec plaisir ! Bonne journée.", "Ravi d'avoir pu vous aider. Bonnes randonnées !"),
    "close": ("N'hésitez pas si je peux faire autre chose pour vous.", "Pour toute autre question, répondez simplement à cet e-mail."),
    "sign": ("Cordialement,\n{agent}\nService client {company}", "Bien à vous,\n{agent}"),
    "phone_hello": ("Service client {company}, {agent} à l'appareil.", "Bonjour, {agent} de {company}."),
    "bot_greet": ("Bonjour ! Je suis {bot}, l'assistante virtuelle de {company}.", "Bonjour {first} ! Ici {bot}."),
    "bot_answer": {
        "order_status": ("Votre commande {order} est en route avec {carrier}. Numéro de suivi : {tracking}. Livraison prévue : {eta}.",),
        "return_request": ("Vous pouvez lancer le retour de l'article {product} dans « Mes commandes » > « Retourner un article ». Les retours sont gratuits sous 30 jours.",),
        "cancel_order": ("La commande {order} n'est pas encore expédiée, je l'ai annulée. Le remboursement de {amount} est en cours.",),
        "password_reset": ("Je vous ai envoyé un lien de réinitialisation du mot de passe. Il est valable 60 minutes.",),
        "change_address": ("J'ai modifié l'adresse de livraison de la commande {order} pour {city}.",),
        "invoice_request": ("La facture de {order} est disponible dans « Mes commandes » > « Facture ». Je vous l'ai aussi envoyée par e-mail.",),
        "loyalty_points": ("Les points Club sont crédités 14 jours après la livraison. Pour {order}, vous recevrez {points} points.",),
        "newsletter_unsubscribe": ("C'est fait ! Vous êtes désinscrit de la newsletter.",),
    },
    "bot_handoff": ("Je vous mets en relation avec un conseiller.", "Je transfère votre demande à notre équipe, cela prend généralement quelques minutes."),
    "bot_ask_order": ("Quel est votre numéro de commande ? Il commence par NW-.",),
}  # fmt: skip
