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
        "fr": "Essayez de reformuler, ou utilisez /session find, /speaker ou /tool.",
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
    "bad_day": {
        "en": "Unknown day “{value}”: pick one from the list, e.g. {example}.",
        "fr": "Jour inconnu « {value} » : choisissez-en un dans la liste, par exemple {example}.",
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
            "maintenant ? ». Commandes : /ask, /session, /speaker, /tool, /event."
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
    # console
    "console_intro": {
        "en": (
            "Local console for {event} ({count} entries). Ask a question, Ctrl-D to quit.\n"
            "To run the Discord bot, set DISCORD_TOKEN in .env (see README)."
        ),
        "fr": (
            "Console locale pour {event} ({count} entrées). Posez une question, Ctrl-D pour "
            "quitter.\nPour lancer le bot Discord, renseignez DISCORD_TOKEN dans .env "
            "(voir README)."
        ),
    },
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
