"""Organiser announcements: ``/announce`` now or later, ``/announcements list|cancel``.

- :mod:`._cog`: the commands (they defer to the modules below);
- :mod:`.preview`: the private preview with its Post/Schedule and Cancel buttons;
- :mod:`.scheduler`: posts the scheduled ones when due, at most once;
- :mod:`.posting`: posts one of them, retrying what fails for a passing reason;
- :mod:`.render`: the announcement as posted, whom it pings, the list of scheduled ones.

Scheduled announcements live in the store (``bot.store``, a :class:`bot.store.Store` opened
by whoever runs the bot); without one, announcements can be posted now, not scheduled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.announcements._cog import AnnouncementsCog

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot


async def setup(bot: EventBot) -> None:
    await bot.add_cog(AnnouncementsCog(bot))
