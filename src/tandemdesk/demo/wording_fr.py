# ruff: noqa: E501
"""More ways French-speaking customers word the same requests (written for tandemdesk).

See ``wording_en`` for why: the same requests écrites en bref, familières, très polies ou
pince-sans-rire, with order numbers as ``104233``, ``nw104233`` or ``NW104233``, and the
look-alike intents given the same spread.
"""

from __future__ import annotations

from tandemdesk.demo.vocabulary import MoreTexts

MORE: MoreTexts = {
    "order_context": (
        "Commande n° {order_digits}.", "Ma commande : {order_lower}.", "Il s'agit de la commande {order_plain}.",
        "N° de commande {order_digits}", "J'ai commandé le {order_date}, numéro {order_digits}.",
    ),
    "asks": {
        "order_status": (
            "Avez-vous des nouvelles de ma commande {order_digits} ?",
            "Ma commande est-elle déjà partie ? Je n'ai pas reçu d'e-mail d'expédition.",
            "Quand puis-je espérer recevoir ma livraison ?",
            "Pourriez-vous m'envoyer le numéro de suivi de ma commande ?",
            "J'ai commandé le {order_date} et j'attends toujours. Quand arrivera le colis ?",
            "Où en est mon colis ? Toujours rien dans la boîte aux lettres.",
            "Est-ce que {order_lower} est en route ?",
            "Quel est le statut de ma commande {order} ?",
            "Vers quand l'article {product} sera-t-il livré ?",
            "j'ai commandé il y a une semaine et toujours rien, ça arrive quand",
            "Ma commande indique toujours 'en préparation'. A-t-elle été expédiée ?",
            "Mon colis fait le tour de France ou quoi ? J'aimerais savoir quand il arrive.",
            "Avez-vous déjà confié ma commande à {carrier} ?",
            "Petite question : est-ce que ma commande est partie ? J'en aurais besoin pour le week-end.",
            "Juste pour savoir, mon colis est-il en route ? Merci !",
        ),
        "password_reset": (
            "Je ne me souviens plus de mon mot de passe. Comment en obtenir un nouveau ?",
            "Pouvez-vous m'envoyer un lien pour réinitialiser mon mot de passe ?",
            "Le mail de réinitialisation du mot de passe n'arrive jamais chez moi.",
            "Le lien de réinitialisation indique 'invalide' à chaque fois.",
            "Je veux changer mon mot de passe mais la page affiche une erreur.",
            "besoin d'un nouveau mot de passe, le mail arrive pas",
        ),
        "invoice_request": (
            "Pourrais-je avoir une copie de la facture pour {order_digits} ?",
            "Mon comptable a besoin de la facture de la commande {order}. Pouvez-vous me l'envoyer ?",
            "Pouvez-vous établir la facture au nom de mon entreprise avec le numéro de TVA ?",
            "Je ne trouve pas la facture de ma dernière commande dans mon compte.",
            "Merci de m'envoyer un justificatif d'achat pour l'article {product}.",
            "Il me faudrait une facture au nom de mon employeur pour {order_lower}.",
        ),
        "return_request": (
            "Je voudrais renvoyer l'article {product}, que dois-je faire ?",
            "Puis-je encore retourner un article si j'ai ouvert le carton ?",
            "L'article {product} ne me convient pas finalement. Comment se passe un retour ?",
            "De combien de temps je dispose pour renvoyer un article ?",
            "Y a-t-il un bon de retour ou je renvoie simplement le colis ?",
            "Je souhaite retourner une partie de la commande {order_digits}.",
            "l'article {product} me plait pas, je peux le renvoyer ?",
        ),
        "loyalty_points": (
            "Combien de points Club ai-je actuellement ?",
            "Les points de la commande {order_digits} ne sont jamais arrivés. Pouvez-vous vérifier ?",
            "Quand les points de ma dernière commande seront-ils crédités ?",
            "Puis-je utiliser mes points Club sur ma prochaine commande ?",
            "Je devrais avoir {points} points de plus sur mon compte.",
            "ils sont où mes points club pour {order_lower}",
            "Quand est-ce que je reçois mes points de fidélité pour ma commande ?",
        ),
        "newsletter_unsubscribe": (
            "Je ne souhaite plus recevoir votre newsletter.",
            "Pouvez-vous me retirer de votre liste marketing ? Je reçois beaucoup trop d'e-mails.",
            "Je me suis désinscrit mais je reçois toujours de la pub.",
            "Merci de ne plus m'envoyer d'offres par e-mail.",
            "Comment désactiver les e-mails promotionnels sans perdre les infos de livraison ?",
            "plus de newsletter svp, ma boîte mail déborde",
            "Merci de retirer mon adresse e-mail de votre liste de diffusion.",
            "Supprimez mon adresse de vos envois publicitaires, s'il vous plaît.",
            "Je ne veux plus recevoir de pubs par e-mail.",
            "Merci de me rayer de votre mailing.",
            "Où puis-je me désabonner des e-mails promotionnels ?",
        ),
        "delivery_problem": (
            "Le suivi dit que le colis a été livré mais je ne l'ai jamais eu.",
            "Le livreur a laissé un avis de passage alors que j'étais là.",
            "D'après le suivi, le colis vous est retourné, pourquoi ?",
            "Le suivi de {order_digits} affiche une erreur depuis des jours.",
            "Le colis aurait été remis à un voisin que je ne connais pas.",
            "Le transporteur dit que mon adresse est introuvable alors qu'elle est correcte.",
            "Mon colis ne bouge plus depuis des jours au dépôt.",
        ),
        "refund_request": (
            "Vous avez mon retour depuis plus d'une semaine, quand serai-je remboursé ?",
            "J'attends toujours le remboursement de {order_digits}.",
            "le remboursement pour l'article {product} est parti ?",
        ),
        "account_access": (
            "Je n'arrive pas à me connecter malgré le bon mot de passe.",
            "Mon compte est bloqué, comment le débloquer ?",
        ),
        "cancel_order": (
            "Je veux annuler {order_digits}, j'ai commandé deux fois par erreur.",
            "Merci de bloquer la commande {order} avant qu'elle parte.",
        ),
        "change_address": (
            "Pouvez-vous envoyer la commande {order_digits} à une autre adresse ? Je serai absent cette semaine.",
            "mauvais code postal sur {order_lower}, vous pouvez corriger avant l'envoi ?",
        ),
        "damaged_item": ("La fermeture éclair de l'article {product} était cassée à l'arrivée.", "l'article {product} est arrivé en miettes"),
        "missing_item": ("Un article de {order_digits} n'était pas dans le colis.",),
        "subscription_change": ("Comment résilier mon abonnement Summit ?", "Je voudrais passer mon abonnement Club à la formule gratuite.", "Merci de me désabonner de Summit, je ne veux plus payer tous les mois.", "Comment mettre fin à mon abonnement Summit ?", "Je veux arrêter la formule Club payante et revenir à Trail."),
        "data_deletion_request": ("Merci d'effacer mon compte et toutes les données que vous avez sur moi.", "Supprimez mon compte client, s'il vous plaît, et toutes les données me concernant.", "Je veux que mon compte soit entièrement supprimé, pas seulement les e-mails."),
        "product_question": ("L'article {product2} existe-t-il dans d'autres couleurs ?", "L'article {product2} taille-t-il petit ?", "L'article {product2} convient-il pour une randonnée de plusieurs jours ?"),
        "promo_code": ("Mon code promo {promo} n'est pas accepté au paiement.",),
        "billing_error": ("On m'a facturé plus que le prix affiché au paiement.",),
        "double_charge": ("Le paiement de {order_digits} a été prélevé deux fois.",),
        "size_exchange": ("Puis-je échanger l'article {product} contre la taille au-dessus ?",),
        "wrong_item": ("Le colis contenait autre chose que mon article {product}.",),
        "payment_declined": ("Ma carte est toujours refusée au paiement.",),
        "gift_card_problem": ("Le solde de ma carte cadeau ne s'affiche pas.",),
        "warranty_claim": ("La semelle de l'article {product} se décolle après quelques mois, c'est couvert par la garantie ?",),
        "complaint_escalation": ("Je souhaite déposer une réclamation officielle.",),
        "price_match": ("L'article {product} est en promo maintenant, pouvez-vous me rembourser la différence ?",),
    },
    "chats": {
        "order_status": (
            "il est où mon colis", "{order_lower} expédiée ?", "numéro de suivi svp", "ma commande arrive quand",
            "statut {order_digits} ?", "toujours rien reçu", "c'est parti ?", "quand arrive {order_plain}",
            "délai de livraison pour ma commande ?", "bonjour où en est ma commande", "quand arrive l'article {product}",
        ),
        "password_reset": (
            "mdp oublié", "comment réinitialiser mon mot de passe", "mail de réinitialisation pas reçu",
            "lien mot de passe expiré", "besoin d'un nouveau mot de passe",
        ),
        "invoice_request": (
            "facture pour {order_lower} ?", "besoin d'une facture", "où est ma facture",
            "facture avec tva svp", "un justificatif svp",
        ),
        "return_request": (
            "comment faire un retour", "je veux renvoyer un truc", "étiquette retour svp",
            "retour {order_lower}", "je peux le retourner ?", "j'ai combien de temps pour retourner",
        ),
        "loyalty_points": (
            "solde de points ?", "pas de points pour {order_lower}", "les points arrivent quand",
            "comment utiliser mes points", "points club manquants",
        ),
        "newsletter_unsubscribe": (
            "désabonnement newsletter", "trop de mails, stop svp", "plus de pub svp",
            "comment me désinscrire", "désinscription",
        ),
        "delivery_problem": ("soi-disant livré mais pas là", "colis retourné à l'expéditeur ??", "échec de livraison", "livreur dit absent mais j'étais là"),
        "refund_request": ("toujours pas remboursé", "remboursement ?"),
        "account_access": ("connexion impossible", "compte bloqué"),
        "cancel_order": ("annulez {order_lower} svp", "n'envoyez pas, je veux annuler"),
        "change_address": ("changer l'adresse de livraison {order_lower}",),
        "damaged_item": ("arrivé cassé",),
        "missing_item": ("il manque un truc dans le colis",),
        "subscription_change": ("résilier summit",),
        "data_deletion_request": ("supprimez mon compte et mes données svp",),
        "product_question": ("{product2} taille petit ?",),
        "promo_code": ("code {promo} marche pas",),
        "billing_error": ("mauvais montant débité",),
        "double_charge": ("payé deux fois",),
        "size_exchange": ("autre taille svp",),
        "wrong_item": ("mauvais article reçu",),
    },
    "chat_order_replies": ("{order_digits}", "c'est {order_lower}", "commande {order_plain}"),
}  # fmt: skip
