"""Knowledge reloads (``bot/cogs/knowledge_admin.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
