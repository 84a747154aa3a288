"""The Discord glue: the bot factory, the runner, checks, errors, cooldowns and views.

Nothing is imported here, so the discord-free modules of this package (``cooldown``,
``hooks``, ``lookup``) can be used without loading discord.py.
"""
