"""``/tool`` and its autocomplete, through simcord."""

from __future__ import annotations

from simcord_checks import field


async def test_tool(world):
    choices = await world.bob.autocomplete(world.general, "tool", "name", "kube")
    assert choices[0] == {"name": "Kubernetes", "value": "kubernetes"}
    res = await world.bob.slash(world.general, "tool", name="linuxkit")
    (embed,) = res.response.embeds
    assert embed.title == "LinuxKit"
    assert embed.description.startswith("A toolkit")
    assert field(embed, "Made by") == "Docker Inc"
    assert field(embed, "Links") == "[GitHub](https://github.com/linuxkit/linuxkit)"
    assert "**Docker's new LinuxKit**" in field(embed, "Discussed in")
    res = await world.bob.slash(world.general, "tool", name="nomad")
    assert field(res.response.embeds[0], "Discussed in").startswith("Mentioned at the event")


async def test_tool_unknown(world):
    res = await world.bob.slash(world.general, "tool", name="blockchain")
    assert res.ephemeral
    assert res.response.embeds[0].title == "No tool matches “blockchain”."


async def test_unknown_query_is_not_echoed_as_markdown_or_mention(world):
    res = await world.bob.slash(world.general, "tool", name="**@everyone** <@123456789012345678>")
    title = res.response.embeds[0].title
    assert "@everyone" not in title.replace("@\u200beveryone", "")
    assert "\\*\\*" in title
