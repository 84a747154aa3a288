"""The programme fetched from ``SCHEDULE_URL`` (``bot/cogs/schedule_sync.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
