"""Every user-facing sentence, in English and French, and :func:`t` to pick one.

Keys are grouped by where they are used. A missing French text falls back to English, and a
missing key raises at test time (``tests/test_i18n.py`` checks both languages are complete).
"""

from __future__ import annotations

from datetime import datetime

LANGUAGES = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    # answers
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
    "missing_logistics": {
        "en": "practical information (food, wifi, access...)",
        "fr": "les informations pratiques (repas, wifi, accès...)",
    },
    "missing_attribute": {"en": "that detail", "fr": "ce détail"},
    "ask_organisers": {
        "en": "I've noted the question for the organisers.",
        "fr": "J'ai noté la question pour les organisateurs.",
    },
    "illustrative": {
        "en": "illustrative time and room, not from the source",
        "fr": "horaire et salle indicatifs, absents de la source",
    },
    "time_unknown": {"en": "time not scheduled", "fr": "horaire non fixé"},
    "room": {"en": "Room", "fr": "Salle"},
    "when": {"en": "When", "fr": "Quand"},
    "speakers": {"en": "Speakers", "fr": "Intervenants"},
    "speaker": {"en": "Speaker", "fr": "Intervenant"},
    "presented_by": {"en": "Presented by", "fr": "Présenté par"},
    "tools": {"en": "Tools", "fr": "Outils"},
    "sessions": {"en": "Sessions", "fr": "Sessions"},
    "session": {"en": "Session", "fr": "Session"},
    "company": {"en": "Company", "fr": "Entreprise"},
    "discussed_in": {"en": "Discussed in", "fr": "Abordé dans"},
    "not_in_session": {
        "en": "Mentioned at the event, not tied to one session.",
        "fr": "Cité pendant l'événement, sans session dédiée.",
    },
    "made_by": {"en": "Made by", "fr": "Édité par"},
    "track": {"en": "Track", "fr": "Parcours"},
    "links": {"en": "Links", "fr": "Liens"},
    "abstract": {"en": "Abstract", "fr": "Résumé"},
    "event_when": {"en": "When", "fr": "Quand"},
    "event_where": {"en": "Where", "fr": "Où"},
    "organisers": {"en": "Organised by", "fr": "Organisé par"},
    "theme": {"en": "Theme", "fr": "Thème"},
    "attendance": {"en": "Attendance", "fr": "Participation"},
    "edition": {"en": "Edition", "fr": "Édition"},
    "venue_unknown": {"en": "venue not given", "fr": "lieu non précisé"},
    "now_on": {"en": "On now ({time}):", "fr": "En ce moment ({time}) :"},
    "next_on": {"en": "Next ({time}):", "fr": "Ensuite ({time}) :"},
    "nothing_now": {
        "en": "Nothing is on right now ({time}).",
        "fr": "Rien en ce moment ({time}).",
    },
    "nothing_next": {
        "en": "Nothing else is scheduled after {time}.",
        "fr": "Plus rien n'est prévu après {time}.",
    },
    "nothing_now_in": {
        "en": "Nothing is on in {room} right now ({time}).",
        "fr": "Rien en ce moment en {room} ({time}).",
    },
    "nothing_next_in": {
        "en": "Nothing else is scheduled in {room} after {time}.",
        "fr": "Plus rien n'est prévu en {room} après {time}.",
    },
    "event_before": {
        "en": "{event} starts on {date}.",
        "fr": "{event} commence le {date}.",
    },
    "event_after": {
        "en": "{event} took place on {date}; the programme is over.",
        "fr": "{event} a eu lieu le {date} ; le programme est terminé.",
    },
    # discord: embeds
    "and_more": {"en": "…and {count} more", "fr": "… et {count} de plus"},
    "first_session": {"en": "First session", "fr": "Première session"},
    "notes": {"en": "Notes", "fr": "Remarques"},
    "now_title": {"en": "On now", "fr": "En ce moment"},
    "next_title": {"en": "Next up", "fr": "À suivre"},
    "agenda_title": {"en": "Agenda", "fr": "Programme"},
    "agenda_filters": {"en": "Filters: {filters}", "fr": "Filtres : {filters}"},
    "agenda_empty": {
        "en": "No session matches.",
        "fr": "Aucune session ne correspond.",
    },
    "day": {"en": "Day", "fr": "Jour"},
    "page": {"en": "Page {page}/{pages}", "fr": "Page {page}/{pages}"},
    "previous_page": {"en": "Previous", "fr": "Précédent"},
    "next_page": {"en": "Next", "fr": "Suivant"},
    "unknown_hint": {
        "en": "Try rephrasing, or use /session find, /speaker or /tool.",
        "fr": "Essayez de reformuler, ou utilisez /session chercher, /intervenant ou /outil.",
    },
    # discord: replies and errors
    "not_found_session": {
        "en": "No session matches “{query}”.",
        "fr": "Aucune session ne correspond à « {query} ».",
    },
    "not_found_speaker": {
        "en": "No speaker matches “{query}”.",
        "fr": "Aucun intervenant ne correspond à « {query} ».",
    },
    "not_found_tool": {
        "en": "No tool matches “{query}”.",
        "fr": "Aucun outil ne correspond à « {query} ».",
    },
    # /session ics (bot/cogs/agenda.py)
    "ics_session": {
        "en": "“{title}” as a calendar file: open it to add the session to your calendar.",
        "fr": "« {title} » en fichier d'agenda : ouvrez-le pour ajouter la session à votre agenda.",
    },
    "ics_agenda": {
        "en": "The whole programme of {event} ({count} sessions) as a calendar file: open it "
        "to add it to your calendar.",
        "fr": "Tout le programme de {event} ({count} sessions) en fichier d'agenda : ouvrez-le "
        "pour l'ajouter à votre agenda.",
    },
    "ics_unscheduled": {
        "en": "“{title}” has no time yet, so there is nothing to put in a calendar.",
        "fr": "« {title} » n'a pas encore d'horaire : rien à mettre dans un agenda pour l'instant.",
    },
    "ics_no_times": {
        "en": "No session has a time yet, so there is no calendar to give.",
        "fr": "Aucune session n'a encore d'horaire : pas d'agenda à donner pour l'instant.",
    },
    "ics_too_big": {
        "en": "The calendar file ({size} MB) is too large to send here; pick one session instead.",
        "fr": "Le fichier d'agenda ({size} Mo) est trop gros pour être envoyé ici ; choisissez "
        "plutôt une session.",
    },
    "bad_day": {
        "en": "Unknown day “{value}”: pick one from the list, e.g. {example}.",
        "fr": "Jour inconnu « {value} » : choisissez-en un dans la liste, par exemple {example}.",
    },
    "command_cooldown": {
        "en": "One moment: you can use this command again in {seconds} s.",
        "fr": "Un instant : vous pourrez réutiliser cette commande dans {seconds} s.",
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
    "error_generic": {
        "en": (
            "Sorry, something went wrong on my side. The details are in the bot's log for the "
            "organisers; please try again in a moment."
        ),
        "fr": (
            "Désolé, un problème est survenu de mon côté. Les détails sont dans le journal du "
            "bot pour les organisateurs ; réessayez dans un instant."
        ),
    },
    "check_failed": {
        "en": "You can't use this command here.",
        "fr": "Vous ne pouvez pas utiliser cette commande ici.",
    },
    "bot_missing_permissions": {
        "en": "I'm missing a permission here ({permissions}); please tell an organiser.",
        "fr": "Il me manque une permission ici ({permissions}) ; prévenez un organisateur.",
    },
    "not_your_buttons": {
        "en": "These buttons belong to whoever ran the command; run it yourself to browse.",
        "fr": "Ces boutons appartiennent à la personne qui a lancé la commande ; "
        "lancez-la vous-même pour naviguer.",
    },
    "entry_gone": {
        "en": "That entry is no longer in the knowledge base; try searching again.",
        "fr": "Cette entrée n'est plus dans la base de connaissances ; relancez la recherche.",
    },
    # announcements, reminders, schedule updates (bot/agenda/when.py, bot/cogs/announcements.py,
    # bot/cogs/reminders.py)
    "when_empty": {
        "en": "Give a time, e.g. “14:30”, “2017-06-13 14:30” or “in 10 minutes”.",
        "fr": "Indiquez une heure, par exemple « 14:30 », « 2017-06-13 14:30 » ou "
        "« dans 10 minutes ».",
    },
    "when_not_understood": {
        "en": "I could not understand the time “{value}”: use “14:30”, “2017-06-13 14:30” or "
        "“in 10 minutes” (event time zone), or “now”.",
        "fr": "Je n'ai pas compris l'heure « {value} » : utilisez « 14:30 », "
        "« 2017-06-13 14:30 » ou « dans 10 minutes » (fuseau de l'événement), ou "
        "« maintenant ».",
    },
    "when_no_unit": {
        "en": "“{value}”: say which unit, e.g. “in 10 minutes” or “in 2 hours”.",
        "fr": "« {value} » : précisez l'unité, par exemple « dans 10 minutes » ou "
        "« dans 2 heures ».",
    },
    "when_needs_time": {
        "en": "“{value}” is a date without a time; add one, e.g. “{value} 14:30”.",
        "fr": "« {value} » est une date sans heure ; ajoutez-en une, par exemple "
        "« {value} 14:30 ».",
    },
    "when_past": {
        "en": "“{value}” ({at}, {zone}) has already passed; give a later time or a date.",
        "fr": "« {value} » ({at}, {zone}) est déjà passé ; donnez une heure plus tardive ou "
        "une date.",
    },
    "when_too_far": {
        "en": "“{value}” is more than {days} days ahead; check the date.",
        "fr": "« {value} » est à plus de {days} jours ; vérifiez la date.",
    },
    "when_nonexistent": {
        "en": "“{value}” does not exist in {zone} (the clocks change that night); pick another "
        "time.",
        "fr": "« {value} » n'existe pas dans le fuseau {zone} (changement d'heure cette "
        "nuit-là) ; choisissez une autre heure.",
    },
    "rating_thanks": {
        "en": "Thanks, your rating helps the organisers improve the answers.",
        "fr": "Merci, votre avis aide les organisateurs à améliorer les réponses.",
    },
    "rating_unknown": {
        "en": "This answer can no longer be rated.",
        "fr": "Cette réponse ne peut plus être notée.",
    },
    "bad_since": {
        "en": "“{value}” is not a period: use 7d, 12h, 30m or a date like 2017-06-13.",
        "fr": "« {value} » n'est pas une période : utilisez 7d, 12h, 30m ou une date comme "
        "2017-06-13.",
    },
    # question-log reports (bot/store/report.py): the CLI and /questions
    "report_stats_title": {"en": "Questions, {period}", "fr": "Questions, {period}"},
    "report_since": {"en": "since {time} ({zone})", "fr": "depuis le {time} ({zone})"},
    "report_all_time": {
        "en": "all time (times in {zone})",
        "fr": "depuis le début (heures en {zone})",
    },
    "report_total": {"en": "total", "fr": "total"},
    "report_answered": {"en": "answered", "fr": "répondues"},
    "report_refused": {"en": "refused", "fr": "sans réponse"},
    "report_askers": {"en": "askers", "fr": "personnes"},
    "report_ratings_label": {"en": "ratings", "fr": "avis"},
    "report_ratings": {
        "en": "{helpful} helpful, {not_helpful} not helpful",
        "fr": "{helpful} utiles, {not_helpful} pas utiles",
    },
    "report_helpful_rate": {"en": "({rate} helpful)", "fr": "({rate} utiles)"},
    "report_latency": {"en": "latency", "fr": "latence"},
    "report_busiest": {"en": "busiest hours", "fr": "heures de pointe"},
    "report_sources": {"en": "sources", "fr": "sources"},
    "report_first_last": {"en": "first / last", "fr": "première / dernière"},
    "report_top_title": {
        "en": "Most asked (answered questions, by matched entry)",
        "fr": "Les plus demandées (questions répondues, par entrée trouvée)",
    },
    "report_top_headers": {
        "en": "count|entry|+/−|last asked|latest question",
        "fr": "nombre|entrée|+/−|dernière fois|dernière question",
    },
    "report_top_empty": {
        "en": "Most asked: nothing answered in this period.",
        "fr": "Les plus demandées : aucune réponse sur cette période.",
    },
    "report_unanswered_title": {
        "en": "Unanswered (newest first, similar questions grouped)",
        "fr": "Sans réponse (les plus récentes d'abord, questions proches regroupées)",
    },
    "report_unanswered_headers": {
        "en": "count|last seen|example",
        "fr": "nombre|dernière fois|exemple",
    },
    "report_unanswered_empty": {
        "en": "Unanswered: nothing refused in this period.",
        "fr": "Sans réponse : rien sur cette période.",
    },
    "report_export": {"en": "{count} questions", "fr": "{count} questions"},
    "no_database": {
        "en": "The question log is not available (no database is open).",
        "fr": "Le journal des questions n'est pas disponible (aucune base ouverte).",
    },
    "database_error": {
        "en": "The question log could not be read; the details are in the bot's log.",
        "fr": "Impossible de lire le journal des questions ; le détail est dans le journal du bot.",
    },
    "organisers_event_server_only": {
        "en": "Organiser commands work only in the event's server.",
        "fr": "Les commandes des organisateurs ne fonctionnent que sur le serveur de l'événement.",
    },
    "organisers_global_needs_guild": {
        "en": "This changes the bot in every server, so the bot must know the event's "
        "server: set DISCORD_GUILD_ID, or ORGANISER_ROLE to the role's id, in its .env.",
        "fr": "Cela modifie le bot sur tous les serveurs : il doit connaître le serveur de "
        "l'événement. Renseignez DISCORD_GUILD_ID, ou l'identifiant du rôle dans "
        "ORGANISER_ROLE, dans son .env.",
    },
    "organisers_only": {
        "en": "Only members with the {role} role can do this.",
        "fr": "Seuls les membres ayant le rôle {role} peuvent faire cela.",
    },
    "guild_only": {
        "en": "Use this command in the event's server.",
        "fr": "Utilisez cette commande sur le serveur de l'événement.",
    },
    "store_unavailable": {
        "en": "The bot's database is not available; ask an organiser to check the bot's log.",
        "fr": "La base de données du bot n'est pas disponible ; demandez à un organisateur de "
        "consulter le journal du bot.",
    },
    "announcement_title": {"en": "Announcement", "fr": "Annonce"},
    "announce_preview_title": {"en": "Preview", "fr": "Aperçu"},
    "announce_preview_now": {
        "en": "This will be posted in {channel} now.",
        "fr": "Ceci sera publié dans {channel} maintenant.",
    },
    "announce_preview_at": {
        "en": "This will be posted in {channel} on {time} ({relative}).",
        "fr": "Ceci sera publié dans {channel} le {time} ({relative}).",
    },
    "announce_preview_ping": {
        "en": "It will ping {role}.",
        "fr": "Le rôle {role} sera notifié.",
    },
    "announce_preview_no_ping": {
        "en": "It will ping no one.",
        "fr": "Personne ne sera notifié.",
    },
    "announce_post_button": {"en": "Post", "fr": "Publier"},
    "announce_schedule_button": {"en": "Schedule", "fr": "Programmer"},
    "announce_cancel_button": {"en": "Cancel", "fr": "Annuler"},
    "announce_posted": {
        "en": "Posted in {channel}: {link}",
        "fr": "Publié dans {channel} : {link}",
    },
    "announce_scheduled": {
        "en": "Announcement #{id} will be posted in {channel} on {time} ({relative}). "
        "To cancel it: /announcements cancel id:{id}",
        "fr": "L'annonce n° {id} sera publiée dans {channel} le {time} ({relative}). "
        "Pour l'annuler : /annonces annuler numero:{id}",
    },
    "announce_dropped": {
        "en": "Cancelled: nothing was posted.",
        "fr": "Annulé : rien n'a été publié.",
    },
    "announce_expired": {
        "en": "This preview expired and nothing was posted; run /announce again.",
        "fr": "Cet aperçu a expiré et rien n'a été publié ; relancez /annoncer.",
    },
    "announce_no_channel": {
        "en": "I can't find the announcements channel “{channel}”: create it, change "
        "ANNOUNCEMENTS_CHANNEL, or pick a channel with the channel option.",
        "fr": "Je ne trouve pas le salon d'annonces « {channel} » : créez-le, changez "
        "ANNOUNCEMENTS_CHANNEL, ou choisissez un salon avec l'option channel.",
    },
    "announce_cannot_post": {
        "en": "I can't post in {channel}: I lack {permissions} there.",
        "fr": "Je ne peux pas publier dans {channel} : il me manque {permissions}.",
    },
    "announce_empty": {
        "en": "The announcement is empty; write the text to post in the message option.",
        "fr": "L'annonce est vide ; écrivez le texte à publier dans l'option message.",
    },
    "announce_late_note": {
        "en": "Scheduled for {time}; posted late because the bot was offline.",
        "fr": "Prévue pour {time} ; publiée en retard car le bot était hors ligne.",
    },
    "announcements_none": {
        "en": "No announcement is scheduled.",
        "fr": "Aucune annonce n'est programmée.",
    },
    "announcements_list_title": {
        "en": "Scheduled announcements",
        "fr": "Annonces programmées",
    },
    "announcements_unconfirmed": {
        "en": "⚠️ may not have been posted: the bot stopped between claiming it and posting "
        "it, and does not post it again (never twice); check the channel, post it again if "
        "it is missing",
        "fr": "⚠️ n'a peut-être pas été publiée : le bot s'est arrêté entre sa prise en charge "
        "et sa publication, et ne la republie pas (jamais deux fois) ; vérifiez le salon, "
        "republiez-la si elle manque",
    },
    "announcements_cancelled": {
        "en": "Announcement #{id} cancelled; it will not be posted.",
        "fr": "Annonce n° {id} annulée ; elle ne sera pas publiée.",
    },
    "announcements_not_pending": {
        "en": "There is no scheduled announcement #{id} here (already posted, cancelled or "
        "unknown); see /announcements list.",
        "fr": "Il n'y a pas d'annonce programmée n° {id} ici (déjà publiée, annulée ou "
        "inconnue) ; voir /annonces liste.",
    },
    "reminder_title": {"en": "Starting soon: {title}", "fr": "Bientôt : {title}"},
    "reminder_starts": {"en": "Starts {relative} ({time}).", "fr": "Commence {relative} ({time})."},
    "reminder_dm_intro": {
        "en": "You asked me to remind you about this session.",
        "fr": "Vous m'avez demandé un rappel pour cette session.",
    },
    "remind_subscribed": {
        "en": "I'll send you a direct message {minutes} min before “{title}” starts ({time}). "
        "Your direct messages from this server must be open.",
        "fr": "Je vous enverrai un message privé {minutes} min avant le début de « {title} » "
        "({time}). Vos messages privés depuis ce serveur doivent être ouverts.",
    },
    "remind_already": {
        "en": "You already have a reminder for “{title}”.",
        "fr": "Vous avez déjà un rappel pour « {title} ».",
    },
    "remind_over": {
        "en": "“{title}” has already started; no reminder needed.",
        "fr": "« {title} » a déjà commencé ; pas besoin de rappel.",
    },
    "remind_unscheduled": {
        "en": "“{title}” has no time yet, so I can't remind you.",
        "fr": "« {title} » n'a pas encore d'horaire, je ne peux pas vous le rappeler.",
    },
    "reminders_none": {
        "en": "You have no session reminders; add one with /remind.",
        "fr": "Vous n'avez aucun rappel de session ; ajoutez-en un avec /rappel.",
    },
    "reminders_title": {"en": "Your session reminders", "fr": "Vos rappels de sessions"},
    "reminders_removed": {
        "en": "Reminder for “{title}” removed.",
        "fr": "Rappel pour « {title} » supprimé.",
    },
    "reminders_not_subscribed": {
        "en": "You had no reminder for “{title}”.",
        "fr": "Vous n'aviez pas de rappel pour « {title} ».",
    },
    "changes_title": {"en": "Schedule update", "fr": "Mise à jour du programme"},
    "change_added": {"en": "New: {session}", "fr": "Nouveau : {session}"},
    "change_cancelled": {"en": "Cancelled: {session}", "fr": "Annulé : {session}"},
    "change_moved": {
        "en": "Moved: {session} (was {old})",
        "fr": "Déplacé : {session} (avant : {old})",
    },
    # the question chart (bot/store/chart.py)
    "chart_title": {
        "en": "Questions: {total} (answered {answered}, refused {refused})",
        "fr": "Questions : {total} (répondu : {answered}, refusé : {refused})",
    },
    "chart_answered": {"en": "answered", "fr": "répondues"},
    "chart_refused": {"en": "refused", "fr": "refusées"},
    "chart_per_hour": {"en": "Questions per hour", "fr": "Questions par heure"},
    "chart_per_hours": {
        "en": "Questions per {hours} hours",
        "fr": "Questions par tranche de {hours} heures",
    },
    "chart_no_questions": {"en": "No questions yet", "fr": "Pas encore de questions"},
    "chart_top_refused": {
        "en": "Most refused questions (similar ones grouped)",
        "fr": "Questions les plus refusées (regroupées si proches)",
    },
    "chart_none_refused": {"en": "No refused question", "fr": "Aucune question refusée"},
    "chart_all_time": {"en": "all questions", "fr": "toutes les questions"},
    "chart_since": {"en": "since {time}", "fr": "depuis le {time}"},
    # knowledge reloads (bot/cogs/knowledge_admin.py)
    "kb_title": {"en": "Knowledge base", "fr": "Base de connaissances"},
    "kb_reloaded": {
        "en": "Reloaded from {source}: {counts}. Answers and autocomplete use it now.",
        "fr": "Rechargée depuis {source} : {counts}. Les réponses et l'autocomplétion "
        "l'utilisent dès maintenant.",
    },
    "kb_counts": {
        "en": "{sessions} sessions, {speakers} speakers, {companies} companies, {tools} tools, "
        "{faq} FAQ entries",
        "fr": "{sessions} sessions, {speakers} intervenants, {companies} entreprises, "
        "{tools} outils, {faq} entrées de FAQ",
    },
    "kb_reload_failed": {
        "en": "Not reloaded: {count} problem(s) in {source}. The running knowledge base is kept; "
        "fix these lines and run /kb reload again.",
        "fr": "Non rechargée : {count} problème(s) dans {source}. La base en service est "
        "conservée ; corrigez ces lignes et relancez /base recharger.",
    },
    "kb_more_problems": {"en": "…and {count} more", "fr": "… et {count} de plus"},
    "changes_held": {
        "en": "⚠️ This schedule cancels {count} of the {total} announced sessions at once. "
        "That often means a half-written file, so these cancellations were not posted. If the "
        "files are complete and the sessions really are cancelled, post them; otherwise fix "
        "the files and reload.",
        "fr": "⚠️ Ce programme annule d'un coup {count} des {total} sessions annoncées. C'est "
        "souvent le signe d'un fichier à moitié écrit : ces annulations n'ont pas été "
        "publiées. Si les fichiers sont complets et les sessions vraiment annulées, "
        "publiez-les ; sinon corrigez les fichiers et rechargez.",
    },
    "changes_held_post_button": {
        "en": "Post the cancellations",
        "fr": "Publier les annulations",
    },
    "changes_held_drop_button": {
        "en": "Don't announce them",
        "fr": "Ne pas les annoncer",
    },
    "changes_held_posted": {
        "en": "The {count} cancellation(s) were posted.",
        "fr": "Les {count} annulation(s) ont été publiées.",
    },
    "changes_held_dropped": {
        "en": "The {count} cancellation(s) are taken as announced, without a post.",
        "fr": "Les {count} annulation(s) sont prises en compte sans être publiées.",
    },
    # the programme from SCHEDULE_URL (bot/cogs/schedule_sync.py)
    "sync_title": {"en": "Programme sync", "fr": "Synchronisation du programme"},
    "sync_off": {
        "en": "SCHEDULE_URL is not set, so there is no programme to fetch. Set it in .env to "
        "follow a pretalx or frab schedule, or import a file with `python -m bot import FILE`.",
        "fr": "SCHEDULE_URL n'est pas défini : aucun programme à récupérer. Renseignez-le dans "
        ".env pour suivre un programme pretalx ou frab, ou importez un fichier avec "
        "`python -m bot import FICHIER`.",
    },
    "sync_unchanged": {
        "en": "The programme at {url} has not changed.",
        "fr": "Le programme à l'adresse {url} n'a pas changé.",
    },
    "sync_updated": {
        "en": "Programme updated from {url}: {sessions} sessions; {added} added, {removed} "
        "removed, {changed} changed.",
        "fr": "Programme mis à jour depuis {url} : {sessions} sessions ; {added} ajoutée(s), "
        "{removed} retirée(s), {changed} modifiée(s).",
    },
    "sync_posted_in": {
        "en": "The changes are posted in #{channel}.",
        "fr": "Les changements sont publiés dans #{channel}.",
    },
    "sync_failed": {
        "en": "⚠️ The programme could not be updated: {problem}\nThe bot keeps the programme it "
        "has (last fetched {since}). You will be told here once it works again; `/kb sync` "
        "tries now.",
        "fr": "⚠️ Le programme n'a pas pu être mis à jour : {problem}\nLe bot garde le programme "
        "qu'il a (récupéré {since}). Vous serez prévenus ici quand cela refonctionnera ; "
        "`/base synchroniser` réessaie tout de suite.",
    },
    "sync_never": {"en": "never since the start", "fr": "jamais depuis le démarrage"},
    "sync_empty_hint": {
        "en": "If the programme really is empty now, apply it with `/kb sync force:True`.",
        "fr": "Si le programme est vraiment vide désormais, appliquez-le avec "
        "`/base synchroniser forcer:True`.",
    },
    "sync_recovered": {
        "en": "✅ The programme at {url} can be fetched again. {summary}",
        "fr": "✅ Le programme à l'adresse {url} est de nouveau accessible. {summary}",
    },
    # console
    "console_intro": {
        "en": (
            "Local console for {event} ({count} entries). Ask a question; Ctrl-D or Ctrl-C "
            "quits.\n"
            "To run the Discord bot, set DISCORD_TOKEN in .env (see README)."
        ),
        "fr": (
            "Console locale pour {event} ({count} entrées). Posez une question ; Ctrl-D ou "
            "Ctrl-C pour quitter.\nPour lancer le bot Discord, renseignez DISCORD_TOKEN dans "
            ".env (voir README)."
        ),
    },
    "console_bye": {"en": "Bye.", "fr": "Au revoir."},
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}


def normalise_language(language: str | None) -> str:
    """``"fr"`` for any French locale (``fr``, ``fr-FR``...), else ``"en"``."""
    return "fr" if (language or "").lower().startswith("fr") else "en"


def t(key: str, language: str | None = "en", **values: object) -> str:
    """The message ``key`` in ``language`` (English fallback), formatted with ``values``."""
    texts = MESSAGES[key]
    text = texts.get(normalise_language(language)) or texts["en"]
    return text.format(**values) if values else text


def format_date(day: datetime, language: str | None) -> str:
    """``13 June 2017`` / ``13 juin 2017``, the same on every host locale."""
    months = _MONTHS[normalise_language(language)].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"
