"""Is a free-text message a question for the bot, or chatter to leave alone?

In a questions channel people also say "hi", "thanks!", "+1" or post an emoji. Answering
those with "Sorry, I don't know that" is noise, so the Discord listener asks
:func:`is_chatter` first. No Discord here: the text arrives with mentions already removed.

The rules, in order:

- nothing left once emoji, custom emoji, mentions, URLs and punctuation are removed;
- every word is a greeting, a thank-you, an acknowledgement or filler ("thanks a lot",
  "merci beaucoup", "ok cool", "hi everyone"), save a thanked word asked with a question
  mark ("organisers?");
- a single word that is neither a question word ("when?", "où ?", "next?") nor a word the
  knowledge base knows (``known``, e.g. "linuxkit").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answer.intent import Intent, detect_intent
from bot.answer.normalise import fold, tokens

_CUSTOM_EMOJI = re.compile(r"<a?:\w{1,32}:\d{5,25}>")
_MENTION = re.compile(r"<(?:@[!&]?|#)\d{5,25}>|@(?:everyone|here)\b")
_URL = re.compile(r"https?://\S+")
_SHORTCODE = re.compile(r":[a-z0-9_+\-]{1,32}:")
# Greetings of a time of day: "bon matin" greets, but "et ce matin ?", "et après ?" ask.
_DAY_GREETING = re.compile(r"\bbonn?e? (?:matin|aprem|apres midi|soiree)\b")
# Farewells that name a day or a time: "see you tomorrow", "have a nice day", "à demain".
_FAREWELL = re.compile(
    r"\b(?:see (?:you|ya) (?:tomorrow|later|soon|there|around|next year)"
    r"|have a (?:nice|good|great|lovely) (?:day|evening|weekend|one|time|conference|conf)"
    r"|a demain|a plus tard)\b"
)

# Words that, alone or together, make a message chatter. Folded (no accents, lowercase).
CHATTER_WORDS = frozenset(
    fold(word)
    for word in """
    hi hello hey heya hiya yo howdy hallo hola morning evening afternoon good night gm gn
    bonjour bonsoir salut coucou hello re wesh bjr slt cc allo alo
    bye goodbye cya later see you soon ciao au revoir plus tard a bientot bonne bon journee
    soiree nuit fin
    thanks thank thx ty tyvm tks thnx cheers merci mercii beaucoup bcp
    ok okay okey kk k oki d accord dac daccord entendu compris noted got it understood roger
    yes yeah yep yup no nope nah oui ouais non nan si
    cool nice great awesome perfect super top parfait genial excellent bravo wow wahou waouh
    amazing sweet neat lovely
    lol lmao mdr ptdr haha hahaha hehe hihi xd rofl
    hmm hm mmh euh heu ah oh eh ha uh um bah ben bon voila
    plus one plusone
    all everyone everybody guys folks people team y tout le la les monde vous a tous toutes
    the a an to you u and very much so lot et tres much many for your votre vos
    bot again encore
    love loved adore adoré trop bien génial genial incroyable bravo congrats congratulations
    félicitations felicitations merci beaucoup orgas organisers organizers fun
    help aide test testing ping
    """.split()
)

# Chatter words that name a subject when asked: "merci les orgas !" thanks them, but
# "organisers?" asks who they are.
ASKABLE_WORDS = frozenset(("orgas", "organisers", "organizers", "test", "testing"))


def visible_text(text: str) -> str:
    """``text`` without custom emoji, mentions and URLs: what a human reads as words."""
    text = _CUSTOM_EMOJI.sub(" ", text or "")
    text = _MENTION.sub(" ", text)
    text = _URL.sub(" ", text)
    return _SHORTCODE.sub(" ", text)


def is_chatter(
    text: str, known: Callable[[str], bool] | None = None, asked: bool | None = None
) -> bool:
    """True when ``text`` is not a question worth answering (see the module docstring).

    ``known(word)`` says whether a folded word names something in the knowledge base; a single
    known word ("kubernetes") is a question, a single unknown one ("hmm", "up") is not.
    ``asked`` says whether the message held a question mark (default: whether ``text`` does).
    """
    folded = fold(visible_text(text))
    words = tokens(_FAREWELL.sub(" ", _DAY_GREETING.sub(" ", folded)))
    if not words:
        return True
    asked = "?" in text if asked is None else asked
    if all(
        (word in CHATTER_WORDS and not (asked and word in ASKABLE_WORDS)) or word.isdigit()
        for word in words
    ):
        # "+1", "merci !", "ok thanks 2" ... but a bare number alone is not a question either.
        return True
    if len(words) == 1:
        word = words[0]
        if detect_intent(word) is not Intent.ANY or "où" in text.casefold():
            return False
        if asked and word in ASKABLE_WORDS:
            return False
        return not (known is not None and known(word))
    return False


__all__ = ["CHATTER_WORDS", "is_chatter", "visible_text"]
