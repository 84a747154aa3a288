"""Text normalisation for matching: case and accent folding, tokens, stop words, language.

Attendees type "c'est où ?", "who talked about linux kit", "SÉCURITÉ": everything is folded to
lowercase ASCII-ish tokens before matching, in the question and in the knowledge base alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})

# Words that carry no topic in a question, in French and English. Question words are here
# too: intent detection reads them before they are dropped.
STOP_WORDS = frozenset(
    """
    a about above after again all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours
    yourself s t d ll m re ve whats wheres whos hows tell know please thanks thank hi
    hello hey anyone someone somebody something anything thing stuff info information
    details detail want wanted like need find show give get got look looking see let us
    may might must shall talk talks talked talking speak speaks spoke speaking speaker
    speakers session sessions presentation presentations present presented presenting
    presenter lecture conference conf event day today time times room rooms place
    located location held happen happens happening start starts starting begin begins
    end ends take takes going go gonna wanna say said says mentioned mention discuss
    discussed discussing cover covered covering explain explained introduce introduced
    which whose ok okay yes yeah lol pls plz u ur im ive dont cant didnt isnt le la les
    l un une des du de d au aux a à et ou où mais donc or ni car que qu qui quoi quel
    quelle quels quelles quand comment combien pourquoi est c ce cet cette ces ca ça il
    elle ils elles on nous vous je j tu t me m te se s y en ne n pas plus moins tres
    très bien sur dans par pour avec sans sous chez entre vers son sa ses leur leurs mon
    ma mes ton ta tes notre nos votre vos lui eux été etre être avoir ai as avons avez
    ont fait faire font suis es sont était etait sera seront serait peut peux pouvez
    veux voudrais savoir sais dire dis dit parle parlé parler parlent parlait parle
    présente présenté presente presenter présentation presentation présentations exposé
    expose intervention intervenant intervenants intervenante orateur oratrice
    conférencier conferencier sujet sujets thème qui heure heures horaire horaires salle
    salles lieu lieux endroit passe passé commence commencer débute debute debut début
    fin finit termine quelqu quelque chose truc infos information informations
    renseignement svp stp merci bonjour salut coucau hello coucou voila voilà ya y a-t-
    il t-il session sessions conférence conference journée journee jour aujourd hui
    """.split()
)

# Words that say which language a question is in (kept small and unambiguous).
_FRENCH_MARKERS = frozenset(
    """
    le la les un une des du de et ou où est qui quoi quel quelle quand comment combien
    pourquoi c ce cette ces qu il elle je tu nous vous parle parler salle heure sur dans
    avec pour pas journée journee conférence conference intervenant aujourd bonjour
    merci salut sécurité securite outil outils
    """.split()
)
_ENGLISH_MARKERS = frozenset(
    """
    the a an is are was who what when where which how about talk talks speaker speaking
    room time with for of on in does do did tell me it this that there hello thanks
    security tool tools
    """.split()
)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase, strip accents and ligatures: ``"Sécurité Œuvre"`` -> ``"securite oeuvre"``."""
    lowered = text.casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Every folded alphanumeric token, stop words included, in order."""
    return _TOKEN.findall(fold(text))


_FOLDED_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)


def is_stop_word(token: str) -> bool:
    return token in _FOLDED_STOP_WORDS


def content_tokens(text: str) -> list[str]:
    """Folded tokens without stop words: what a question is about."""
    return [t for t in tokens(text) if t not in _FOLDED_STOP_WORDS]


_FOLDED_FRENCH = frozenset(fold(w) for w in _FRENCH_MARKERS)
_FOLDED_ENGLISH = frozenset(fold(w) for w in _ENGLISH_MARKERS)
_FRENCH_LETTERS = re.compile(r"[éèêàùçôîœ]", re.IGNORECASE)


def detect_language(text: str, default: str = "en") -> str:
    """``"fr"`` or ``"en"`` from marker words and accents; ``default`` when unsure."""
    words = tokens(text)
    french = sum(1 for w in words if w in _FOLDED_FRENCH) + 2 * len(_FRENCH_LETTERS.findall(text))
    english = sum(1 for w in words if w in _FOLDED_ENGLISH)
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return default
