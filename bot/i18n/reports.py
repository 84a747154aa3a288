"""Question-log reports and the chart, for the ``questions`` CLI and ``/questions``
(``bot/store/report.py``, ``bot/store/chart.py``, ``bot/cogs/questions.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "bad_since": {
        "en": "“{value}” is not a period: use 7d, 12h, 30m or a date like 2017-06-13.",
        "fr": "« {value} » n'est pas une période : utilisez 7d, 12h, 30m ou une date comme "
        "2017-06-13.",
    },
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
}
