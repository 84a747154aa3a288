"""Programme changes told to subscribers (``bot/cogs/reminders/``), and the changes held for
an organiser with their buttons (``bot/cogs/knowledge_admin.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "changes_title": {"en": "Schedule update", "fr": "Mise à jour du programme"},
    "change_added": {"en": "New: {session}", "fr": "Nouveau : {session}"},
    "change_cancelled": {"en": "Cancelled: {session}", "fr": "Annulé : {session}"},
    "change_moved": {
        "en": "Moved: {session} (was {old})",
        "fr": "Déplacé : {session} (avant : {old})",
    },
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
}
