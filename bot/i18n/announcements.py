"""``/announce`` and ``/announcements``: the preview, its buttons and the posted message
(``bot/cogs/announcements/``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
