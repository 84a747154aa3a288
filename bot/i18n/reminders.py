"""``/remind`` and ``/reminders``: subscribing, the reminder itself (``bot/cogs/reminders/``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
