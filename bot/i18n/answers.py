"""The answer to a question, as text and as an embed (``bot/render/``), asking by mention or
``/ask`` (``bot/cogs/ask.py``) and rating an answer (``bot/discord_app/rating.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "unknown": {
        "en": "Sorry, I don't know that.",
        "fr": "Désolé, je ne sais pas.",
    },
    "did_you_mean": {"en": "Did you mean:", "fr": "Vouliez-vous dire :"},
    "see_also": {"en": "See also:", "fr": "Voir aussi :"},
    "premise_right": {"en": "Yes.", "fr": "Oui."},
    "premise_wrong": {
        "en": "Not quite. Here is what I know:",
        "fr": "Pas tout à fait. Voici ce que je sais :",
    },
    "not_held": {
        "en": "I don't know that: {what} is not in what I know about {event}.",
        "fr": "Je ne sais pas : {what} ne fait pas partie de ce que je sais de {event}.",
    },
    "related": {"en": "Related:", "fr": "En rapport :"},
    "meta_reply": {
        "en": (
            "I answer questions about {event}: its talks, speakers, times and rooms, the tools "
            'discussed. Try "when is the first talk?" or "who talked about security?".'
        ),
        "fr": (
            "Je réponds aux questions sur {event} : les talks, les intervenants, les horaires "
            "et les salles, les outils évoqués. Essayez « c'est quand le premier talk ? » ou "
            "« qui a parlé de sécurité ? »."
        ),
    },
    "chatter_reply": {
        "en": "🙂 Ask me about {event}: talks, speakers, times and rooms.",
        "fr": "🙂 Posez-moi vos questions sur {event} : talks, intervenants, horaires et salles.",
    },
    "list_heading": {"en": 'For "{scope}":', "fr": "Pour « {scope} » :"},
    "list_empty": {
        "en": 'Nothing in the programme matches "{scope}".',
        "fr": "Rien au programme ne correspond à « {scope} ».",
    },
    "after_heading": {"en": "Next in the same room:", "fr": "Ensuite, dans la même salle :"},
    "after_empty": {
        "en": "Nothing follows it in that room.",
        "fr": "Rien ne suit dans cette salle.",
    },
    "topic_heading": {"en": "Talks on this:", "fr": "Les talks sur ce sujet :"},
    "talks_heading": {"en": "Their talks, in order:", "fr": "Ses talks, dans l'ordre :"},
    "programme_heading": {
        "en": "The programme, in order (all of it, by day or room: /session agenda):",
        "fr": (
            "Le programme, dans l'ordre (en entier, par jour ou par salle : /session programme) :"
        ),
    },
    "missing_money": {
        "en": "money (prices, revenue, funding)",
        "fr": "l'argent (prix, chiffre d'affaires, financement)",
    },
    "missing_contact": {
        "en": "contact details and accounts",
        "fr": "les coordonnées et les comptes",
    },
    "missing_media": {
        "en": "slides, videos and recordings",
        "fr": "les supports, vidéos et enregistrements",
    },
    "missing_personal": {"en": "personal details", "fr": "la vie privée des gens"},
    "missing_future": {"en": "future editions", "fr": "les prochaines éditions"},
    "missing_links": {
        "en": "download links and repositories",
        "fr": "les liens de téléchargement et les dépôts",
    },
    "missing_numbers": {
        "en": "that figure",
        "fr": "ce chiffre",
    },
    "missing_speaker": {
        "en": "who presented it (the source names no speaker)",
        "fr": "qui l'a présenté (la source ne nomme pas d'intervenant)",
    },
    "missing_company": {
        "en": "which company they work for",
        "fr": "pour quelle entreprise travaille cette personne",
    },
    "missing_maker": {
        "en": "who makes it",
        "fr": "qui le développe",
    },
    "missing_past": {"en": "earlier editions", "fr": "les éditions précédentes"},
    "missing_roles": {
        "en": "who holds which role in a company",
        "fr": "qui occupe quel poste dans une entreprise",
    },
    "missing_certificate": {
        "en": "certifications and exams",
        "fr": "les certifications et examens",
    },
    "missing_company_facts": {
        "en": "where a company is based, its staff and its customers",
        "fr": "le siège, l'effectif et les clients d'une entreprise",
    },
    "missing_history": {
        "en": "when a company was founded or a product first came out",
        "fr": "la date de création d'une entreprise ou de sortie d'un produit",
    },
    "missing_jobs": {
        "en": "job offers and hiring",
        "fr": "les offres d'emploi et les recrutements",
    },
    "missing_versions": {
        "en": "versions, licences and releases",
        "fr": "les versions, licences et sorties",
    },
    "missing_job": {
        "en": "this person's job title",
        "fr": "le poste de cette personne",
    },
    "missing_duration": {
        "en": "how long it lasted (the times shown are illustrative)",
        "fr": "sa durée (les horaires affichés sont indicatifs)",
    },
    "missing_capacity": {"en": "how big the rooms are", "fr": "la taille des salles"},
    "missing_howto": {
        "en": "technical how-tos (configuration, commands, code)",
        "fr": "les détails techniques (configuration, commandes, code)",
    },
    "missing_advice": {
        "en": "advice and comparisons (it knows what was said, not what to choose)",
        "fr": "les conseils et comparaisons (il sait ce qui a été dit, pas quoi choisir)",
    },
    "missing_audience": {
        "en": "what the audience asked",
        "fr": "les questions du public",
    },
    "missing_attendees": {
        "en": "who the attendees were or what they thought",
        "fr": "qui étaient les participants ou ce qu'ils en ont pensé",
    },
    "missing_logistics": {
        "en": "practical information (food, wifi, access...)",
        "fr": "les informations pratiques (repas, wifi, accès...)",
    },
    "missing_items": {
        "en": "what that list holds (only its title is known)",
        "fr": "le contenu de cette liste (seul son titre est connu)",
    },
    "missing_attribute": {"en": "that detail", "fr": "ce détail"},
    "illustrative": {
        "en": "illustrative time and room, not from the source",
        "fr": "horaire et salle indicatifs, absents de la source",
    },
    "time_unknown": {"en": "time not scheduled", "fr": "horaire non fixé"},
    "venue_unknown": {"en": "venue not given", "fr": "lieu non précisé"},
    "unknown_hint": {
        "en": "Try rephrasing, or use /session find, /speaker or /tool.",
        "fr": "Essayez de reformuler, ou utilisez /session chercher, /intervenant ou /outil.",
    },
    "too_long": {
        "en": (
            "That message is too long for me ({length} characters, {limit} at most). "
            "Could you ask a shorter question?"
        ),
        "fr": (
            "Ce message est trop long pour moi ({length} caractères, {limit} au maximum). "
            "Pouvez-vous poser une question plus courte ?"
        ),
    },
    "mention_help": {
        "en": (
            "Ask me anything about {event}: sessions, speakers, tools, times and rooms, "
            "e.g. “who talks about security?” or “what's on now?”. "
            "Slash commands: /ask, /session, /speaker, /tool, /event."
        ),
        "fr": (
            "Posez-moi vos questions sur {event} : sessions, intervenants, outils, horaires et "
            "salles, par exemple « qui parle de sécurité ? » ou « qu'est-ce qui passe "
            "maintenant ? ». Commandes : /demander, /session, /intervenant, /outil, /evenement."
        ),
    },
    "rating_thanks": {
        "en": "Thanks, your rating helps the organisers improve the answers.",
        "fr": "Merci, votre avis aide les organisateurs à améliorer les réponses.",
    },
    "rating_unknown": {
        "en": "This answer can no longer be rated.",
        "fr": "Cette réponse ne peut plus être notée.",
    },
}
