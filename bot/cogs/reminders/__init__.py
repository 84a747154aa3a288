"""Session reminders and schedule-change posts.

- :mod:`._cog`: ``/remind``, ``/reminders list|cancel`` and the loop (they defer to the
  modules below);
- :mod:`.starting_soon`: the "starting soon" posts, to channels and by DM, each sent once;
- :mod:`.schedule_updates`: what changed in the programme, posted once after a reload;
- :mod:`.render`: the embeds and lines all of them post.

Everything persistent goes through ``bot.store`` (a :class:`bot.store.Store`); without one,
reminders are off and the commands say the database is unavailable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.reminders._cog import RemindersCog

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot


async def setup(bot: EventBot) -> None:
    await bot.add_cog(RemindersCog(bot))
