"""Refusals and errors in Discord (``bot/discord_app/errors.py``, ``checks.py``, ``views.py``):
cooldowns, permissions, stale buttons, a store that is down, an entry that is not found."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "command_cooldown": {
        "en": "One moment: you can use this command again in {seconds} s.",
        "fr": "Un instant : vous pourrez réutiliser cette commande dans {seconds} s.",
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
    "organisers_event_server_only": {
        "en": "Organiser commands work only in the event's server.",
        "fr": "Les commandes des organisateurs ne fonctionnent que sur le serveur de l'événement.",
    },
    "organisers_global_needs_guild": {
        "en": "This changes the bot in every server, so the bot must know the event's "
        "server: set DISCORD_GUILD_ID, or ORGANISER_ROLE to the role's id, in its .env.",
        "fr": "Cela modifie le bot sur tous les serveurs : il doit connaître le serveur de "
        "l'événement. Renseignez DISCORD_GUILD_ID, ou l'identifiant du rôle dans "
        "ORGANISER_ROLE, dans son .env.",
    },
    "organisers_only": {
        "en": "Only members with the {role} role can do this.",
        "fr": "Seuls les membres ayant le rôle {role} peuvent faire cela.",
    },
    "guild_only": {
        "en": "Use this command in the event's server.",
        "fr": "Utilisez cette commande sur le serveur de l'événement.",
    },
    "store_unavailable": {
        "en": "The bot's database is not available; ask an organiser to check the bot's log.",
        "fr": "La base de données du bot n'est pas disponible ; demandez à un organisateur de "
        "consulter le journal du bot.",
    },
}
