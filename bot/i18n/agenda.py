"""What is on now and next (``bot/render/``), ``/agenda`` and its pages (``bot/cogs/agenda.py``,
``bot/discord_app/views.py``) and the ``/session ics`` calendar files."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
