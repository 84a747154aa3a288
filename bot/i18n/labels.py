"""Field names of the cards shown for an entry or the event (``bot/render/``), and the "and
{count} more" that ends a cut list (also in the announcement and reminder cogs)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "and_more": {"en": "…and {count} more", "fr": "… et {count} de plus"},
    "first_session": {"en": "First session", "fr": "Première session"},
    "notes": {"en": "Notes", "fr": "Remarques"},
    "kind_session": {"en": "talk", "fr": "talk"},
    "kind_speaker": {"en": "speaker", "fr": "intervenant"},
    "kind_company": {"en": "company", "fr": "entreprise"},
    "kind_tool": {"en": "tool", "fr": "outil"},
    "kind_faq": {"en": "FAQ", "fr": "FAQ"},
    "kind_event": {"en": "event", "fr": "événement"},
}
