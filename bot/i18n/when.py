"""Why a time typed for ``/announce`` or ``/remind`` cannot be used (``bot/agenda/when.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
