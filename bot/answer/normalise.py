"""Text normalisation for matching: case and accent folding, tokens, stop words, language.

Attendees type "c'est où ?", "who talked about linux kit", "SÉCURITÉ": everything is folded to
lowercase ASCII-ish tokens before matching, in the question and in the knowledge base alike.
"""

from __future__ import annotations

import re

from bot.textfold import fold

_TOKEN = re.compile(r"[a-z0-9]+")

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
    may might must shall talked talking speak speaks spoke speaking present presented
    presenting today time times room rooms place located location held happen happens
    happening start starts starting begin begins end ends take takes going go gonna
    wanna say said says mentioned mention discuss discussed discussing cover covered
    covering explain explained introduce introduced which whose ok okay yes yeah lol pls
    plz u ur im ive dont cant didnt isnt le la les l un une des du de d au aux a à et ou
    où mais donc or ni car que qu qui quoi quel quelle quels quelles quand comment
    combien pourquoi est c ce cet cette ces ca ça il elle ils elles on nous vous je j tu
    t me m te se s y en ne n pas plus moins tres très bien sur dans par pour avec sans
    sous chez entre vers son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos
    lui eux été etre être avoir ai as avons avez ont fait faire font suis es sont était
    etait sera seront serait peut peux pouvez veux voudrais savoir sais dire dis dit
    présente présenté presente présentation
    présentations qui heure heures horaire horaires salle salles lieu lieux endroit
    passe passé commence commencer débute debute debut début fin finit termine quelqu
    quelque chose truc infos information informations renseignement svp stp merci
    bonjour salut coucau hello coucou voila voilà ya y a-t- il t-il aujourd hui moi toi
    showed shows happened called call good best cool great interesting nice everything
    anybody year years annee année combientieme combientième koi koa ki kel kelle kan pk
    pq pkoi really actually maybe exactly avait eu dernier derniere dernière hier
    meilleur meilleure meilleurs meilleures bon bonne bons bonnes super genial génial
    vient viennent venu venus venue venait giving gave given holding hosting hosted
    doing done run running ppl people guys folks things again exactly deja déjà vraiment
    final wait legit basically anyway btw hmm euh bref coup genre enfin heard never jamais
    cest jai jsuis chui quest ya yavait exactement selon according vraiment non oui
    cite cites citee citees evoque evoques evoquee evoquees aborde abordes abordee abordees
    mentionne mentionnes mentionnee mentionnees came brought many much
    parlaient traitait traitaient portait portaient dealt deal deals
    lesquels lesquelles etaient étaient tenu tenue tenus tenues tenait tenaient
    plait plaît
    """.split()
)

# Words that name a kind of entry rather than a topic ("who are the speakers?", "the LinuxKit
# talk"). They are indexed, but a question is matched on them only when it has no other
# topic; they also hint at the kind of entry wanted.
KIND_WORDS: dict[str, frozenset[str]] = {
    kind: frozenset(words.split())
    for kind, words in {
        "session": "talk talks session sessions presentation presentations lecture exposé "
        "expose intervention conference conf confs conférence conferences conférences "
        "event day journee journée jour parle parlé parler parlent parlait",
        "speaker": "speaker speakers presenter intervenant intervenants intervenante orateur "
        "oratrice conferencier conférencier",
        "tool": "tool tools outil outils techno technos technology technologies technologie",
        "company": "company companies entreprise entreprises societe société boite boîte",
        "": "theme thème sujet sujets topic topics",
    }.items()
}

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


def tokens(text: str) -> list[str]:
    """Every folded alphanumeric token, stop words included, in order."""
    return _TOKEN.findall(fold(text))


_TYPED_WORD = re.compile(r"[^\W_]+")


def typed_words(text: str) -> list[str]:
    """The words as typed, case and accents kept: where capitals tell a name ("Moby
    Dick", "the Azure slogan") from an ordinary word."""
    return _TYPED_WORD.findall(text)


_FOLDED_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)
STOP_WORDS_FOLDED = _FOLDED_STOP_WORDS
"""The stop words, folded like question tokens."""


_FOLDED_KIND_WORDS = {kind: frozenset(fold(w) for w in words) for kind, words in KIND_WORDS.items()}
FOLDED_KIND_WORDS = _FOLDED_KIND_WORDS
""":data:`KIND_WORDS`, folded: what questions are compared with."""
_FOLDED_GENERIC = frozenset().union(*_FOLDED_KIND_WORDS.values())
_EVENT_WORDS = frozenset(
    fold(w) for w in "conference conf conférence event day journee jour".split()
)


def is_generic(token: str) -> bool:
    """A word naming a kind of entry ("talk", "speakers") rather than a topic."""
    return token in _FOLDED_GENERIC


def kind_hint(words: list[str]) -> str:
    """The kind of entry the generic words of a question point at ("" when none)."""
    for kind, generic in _FOLDED_KIND_WORDS.items():
        if kind and any(w in generic and w not in _EVENT_WORDS for w in words):
            return kind
    return ""


# A phrase in quotes, not an apostrophe inside a word ("c'est", "Docker's").
QUOTED = re.compile(r"(?:^|(?<=\s))[\"'“«‘]([^\"“”«»‘’]{4,120}?)[\"'”»’](?=[\s?!.,;:]|$)")


def quoted_positions(text: str, words: list[str]) -> set[int]:
    """Positions in ``words`` of the words of each phrase ``text`` quotes."""
    found: set[int] = set()
    for phrase in QUOTED.findall(fold(text)):
        said = tokens(phrase)
        for start in range(len(words) - len(said) + 1) if said else ():
            if words[start : start + len(said)] == said:
                found.update(range(start, start + len(said)))
    return found


_MAKING = frozenset(
    fold(w)
    for w in (
        "make makes made making develop develops developed developing dev build builds built "
        "create creates created maintain maintains maintained author wrote vendor édite édité "
        "développe développé développer créé crée conçu maintient fabrique"
    ).split()
)


MAKING_WORDS = _MAKING
_PRODUCT_NOUNS = _FOLDED_KIND_WORDS["tool"] | frozenset(
    fold(w) for w in "projet project produit product logiciel software".split()
)


def mentions_making(words: list[str]) -> bool:
    """Whether a question is about who makes something ("Helm c'est dev par qui ?", "c'est
    un outil de qui ?", "whose tool is Helm?")."""
    if any(w in _MAKING for w in words):
        return True
    if any(w == "fait" and words[i + 1 : i + 2] in (["ca"], ["cela"]) for i, w in enumerate(words)):
        return True  # "c'est qui qui a fait ça ?"
    if any(
        words[i : i + 4] == ["c", "est", "de", "qui"] for i in range(len(words) - 3)
    ) and not _FOLDED_KIND_WORDS["session"].intersection(words):
        return True  # "Helm, c'est de qui ?" (a talk "de qui" is its speaker's)
    return any(
        w in _PRODUCT_NOUNS and (words[i + 1 : i + 3] == ["de", "qui"] or "whose" in words[:i])
        for i, w in enumerate(words)
    )


def index_tokens(text: str) -> list[str]:
    """Folded tokens without stop words, generic words kept: what the index stores."""
    return [t for t in tokens(text) if t not in _FOLDED_STOP_WORDS]


def content_tokens(text: str) -> list[str]:
    """Folded tokens without stop words or generic words: what a question is about."""
    return [t for t in tokens(text) if t not in _FOLDED_STOP_WORDS and t not in _FOLDED_GENERIC]


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
