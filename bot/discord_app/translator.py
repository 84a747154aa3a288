"""French names and descriptions for the slash commands, through discord.py's translator API.

The commands are declared in English in the cogs; :class:`EventTranslator` (set on the tree in
``setup_hook``, before syncing) gives Discord their French names, descriptions and option
descriptions, so a French Discord client shows ``/session chercher`` with French help while
English clients keep ``/session find``. Discord still sends the English names back, so the
cogs need no change.

Translations are keyed by the command's qualified (English) name, and by option name, not by
the English wording: rewording a description keeps its French one. ``tests/discord_app/
test_locale.py`` checks every command, group and option of the running bot has French text
that satisfies Discord's rules (names lowercase, no spaces, 1-32 characters; descriptions
1-100 characters).
"""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Location

log = logging.getLogger(__name__)

# Discord's rule for command and option names (CHAT_INPUT): lowercase where the script has case.
NAME_PATTERN = re.compile(r"^[-_'\w]{1,32}$")
DESCRIPTION_LIMIT = 100
FRENCH = (discord.Locale.french,)

# qualified command or group name -> (French name, French description)
COMMANDS: dict[str, tuple[str, str]] = {
    "session": ("session", "Les sessions de l'événement"),
    "session find": ("chercher", "Trouver une session par titre, intervenant ou sujet"),
    "session now": ("maintenant", "Ce qui se passe en ce moment"),
    "session next": ("ensuite", "Ce qui vient ensuite"),
    "session agenda": ("programme", "Le programme, par jour, salle ou parcours"),
    "session ics": ("calendrier", "Un fichier d'agenda (.ics) : une session ou tout le programme"),
    "speaker": ("intervenant", "Un intervenant : bio, entreprise, sessions"),
    "tool": ("outil", "Ce qu'est un outil, ses liens, les sessions qui en ont parlé"),
    "event": ("evenement", "L'événement : quoi, quand, où, qui l'organise"),
    "ask": ("demander", "Poser une question sur l'événement"),
    "announce": ("annoncer", "Publier une annonce maintenant ou plus tard (organisateurs)"),
    "announcements": ("annonces", "Les annonces programmées (organisateurs)"),
    "announcements list": ("liste", "Les annonces programmées pas encore publiées"),
    "announcements cancel": ("annuler", "Annuler une annonce programmée"),
    "kb": ("base", "La base de connaissances (organisateurs)"),
    "kb reload": ("recharger", "Recharger la base de connaissances depuis ses fichiers"),
    "kb sync": ("synchroniser", "Récupérer le programme depuis SCHEDULE_URL maintenant"),
    "remind": ("rappel", "Recevoir un message privé avant une session"),
    "reminders": ("rappels", "Vos rappels de sessions"),
    "reminders list": ("liste", "Les sessions dont vous avez demandé un rappel"),
    "reminders cancel": ("annuler", "Arrêter le rappel d'une session"),
    "questions": ("questions", "Ce que les participants ont demandé (organisateurs)"),
    "questions stats": ("stats", "Totaux, taux de réponse, avis, heures les plus chargées"),
    "questions top": ("top", "Les entrées les plus demandées"),
    "questions unanswered": ("sans-reponse", "Ce que le bot n'a pas su répondre, récent d'abord"),
    "questions export": ("export", "Toutes les questions dans un fichier CSV"),
}

# (qualified command name, option name) -> (French name, French description)
PARAMETERS: dict[tuple[str, str], tuple[str, str]] = {
    ("session find", "query"): (
        "recherche",
        "Commencez à taper un titre, un intervenant ou un sujet",
    ),
    ("session agenda", "day"): ("jour", "Un jour de l'événement"),
    ("session agenda", "room"): ("salle", "Seulement cette salle"),
    ("session agenda", "track"): ("parcours", "Seulement ce parcours"),
    ("session ics", "session"): ("session", "Une session (vide : tout le programme)"),
    ("speaker", "name"): ("nom", "Commencez à taper le nom d'un intervenant"),
    ("tool", "name"): ("nom", "Commencez à taper le nom d'un outil"),
    ("ask", "question"): ("question", "Votre question, en français ou en anglais"),
    ("announce", "message"): ("message", "Le texte à publier (\\n pour un retour à la ligne)"),
    ("announce", "at"): (
        "quand",
        "Quand, à l'heure de l'événement : 14:30, 2017-06-13 14:30, dans 10 minutes "
        "(vide : tout de suite)",
    ),
    ("announce", "channel"): ("salon", "Où publier (par défaut : le salon des annonces)"),
    ("announce", "ping"): ("notifier", "Un rôle à notifier (personne n'est notifié sinon)"),
    ("announcements cancel", "id"): ("numero", "Le numéro de l'annonce (voir /annonces liste)"),
    ("remind", "session"): (
        "session",
        "La session (commencez à taper son titre ou un intervenant)",
    ),
    ("reminders cancel", "session"): ("session", "Un de vos rappels"),
    ("kb sync", "force"): (
        "forcer",
        "Sans requête conditionnelle, et appliquer même un programme sans sessions",
    ),
    ("questions top", "since"): (
        "depuis",
        "7d, 12h, 30m, ou une date comme 2017-06-13 (par défaut : tout)",
    ),
}

# English choice name -> French choice name (fixed choices declared with app_commands.choices)
CHOICES: dict[str, str] = {}


def _qualified(data: object) -> str:
    return getattr(data, "qualified_name", "") or getattr(data, "name", "")


def french_for(location: Location, data: object, english: str) -> str | None:
    """The French text for one string of a command, or None when there is none."""
    if location in (
        Location.command_name,
        Location.group_name,
        Location.command_description,
        Location.group_description,
    ):
        entry = COMMANDS.get(_qualified(data))
        if entry is None:
            return None
        return entry[0] if location in (Location.command_name, Location.group_name) else entry[1]
    if location in (Location.parameter_name, Location.parameter_description):
        command = getattr(data, "command", None)
        entry = PARAMETERS.get((_qualified(command), getattr(data, "name", "")))
        if entry is None:
            return None
        return entry[0] if location is Location.parameter_name else entry[1]
    if location is Location.choice_name:
        return CHOICES.get(english)
    return None


class EventTranslator(app_commands.Translator):
    """French for every slash command; other locales keep the English declared in the cogs."""

    def __init__(self) -> None:
        self.missing: set[tuple[str, str]] = set()

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale not in FRENCH:
            return None
        text = french_for(context.location, context.data, string.message)
        if text is None:
            key = (context.location.name, string.message)
            if key not in self.missing:
                self.missing.add(key)
                log.warning("no French for %s %r: add it to bot/discord_app/translator.py", *key)
        return text


__all__ = ["COMMANDS", "NAME_PATTERN", "PARAMETERS", "EventTranslator", "french_for"]
