"""The engine's tuned constants, each with what raising or lowering it trades off and
the question sets that guard it (tests/data/, benchmarks/bench_understanding.py)."""

from __future__ import annotations

import re

from bot.answer.index import KEYWORD
from bot.answer.normalise import tokens

MAX_QUESTION_CHARS = 1000
"""The engine reads at most this many characters of a message (the front ends refuse longer
ones first, with MAX_QUESTION_CHARS in the settings)."""

ANSWER_THRESHOLD = 0.45
"""Below this ranker score the engine refuses ("did you mean" instead). Raising it refuses
more questions it could have answered; lowering it answers more wrongly. Guarded by
tests/data/questions.yaml and the tuning set shipped_set_a.yaml; reported on the held-out
shipped_set_b.yaml and benchmarks/bench_understanding.py."""

NAMED_ANSWER_THRESHOLD = 0.36
"""A lower bar for an entry whose own name the question says almost whole (``named`` at
least :data:`~bot.answer.rank.NAMED_THRESHOLD`) and that leads the next one by
:data:`LEAD_MARGIN`: the evidence is there even when other words of the question are not
in the knowledge. Lowering it answers more paraphrases and more wrong ones."""

LEAD_MARGIN = 0.08
"""How far ahead of the runner-up an entry must be for the lower named bar."""

LEADING_THRESHOLD = 0.4
"""A lower bar for an entry the question does not name but clearly points at: "c koi le
truc de deis pr deployer sur kube sans quitter l ide" is Draft, its talk agreeing, far
ahead of anything else. Answered when it leads the runner-up (entries linked to it agree
rather than compete) by :data:`LEADING_MARGIN`. Chosen on the dev halves (+10 right, no
new wrong)."""

LEADING_MARGIN = 0.15
"""How far ahead of the runner-up an unnamed entry must be for :data:`LEADING_THRESHOLD`."""

LEADING_WORDS = 2
"""How many of the question's words an unnamed entry must hold for
:data:`LEADING_THRESHOLD`: one shared word ("thanks, that's FREE and open!" and a talk
"Free desktop design") points at nothing."""

HEAD_NAMED = 0.5
"""How much of its name a question must say (typos count partly) for an entry of the
described kind to be the head of a description whose relative clause names another ("la
boîte DEISS que Microsoft a achetée": Deis, not Microsoft). Raising it leaves misspelt
heads to the anchor; lowering it lets a shared word pick the head. Guarded by the
description questions of the tuning sets (shipped_set_e.yaml, shipped_set_f.yaml)."""

QUOTED_TITLE_SIMILARITY = 85
"""How close (rapidfuzz ratio, 0-100) a quoted phrase must be to a title made of stop
words to name it ("that 'there are no containers' talk" is "There is no container").
Lowering it lets any quoted sentence of common words name that talk; raising it misses
titles quoted from memory. Guarded by shipped_set_b.yaml's paraphrases."""

LIST_RATIO = 0.75
"""A topic question ("anything on security?") lists the sessions scoring at least this
share of the best one. Lowering it lists looser matches."""

MAX_LIST = 10
"""At most this many sessions in a list answer."""

TOPIC_SIMILARITY = 0.85
"""A topic word's reading (exact, or a close typo) must be this similar to list sessions
holding it; prefixes ("kube" -> "kubernetes") and looser typos do not list."""

SHORT_TOPIC_LETTERS = 3
"""A topic this short that nothing holds ("CI", "k8s") is an acronym the event never had."""

FOREIGN_MIN_LETTERS = 4
"""Unknown words this long or longer that no dictionary knows are names the event never
had ("podman"); shorter ones are too often abbreviations or typos."""

PRECISION_NAMED = 5
"""How many of the best-ranked entries a "who" question looks through for one it names."""

ENTITY_FLOOR = 0.25
"""An attribute question ("how many people work at WeScale?") is about another entry when
that entry's whole name is said and it scores at least this."""

ALTERNATIVE_THRESHOLD = 0.30
"""An answer lists as "see also" the entries scoring at least this. Lowering it offers
looser matches beside a right answer."""

REFUSAL_ALTERNATIVE_THRESHOLD = 0.10
"""A refusal offers as "did you mean" the entries scoring at least this: lower than for
answers, since a close entry is the most useful thing a refusal can say."""

MAX_ALTERNATIVES = 3
"""At most this many alternatives (and buttons in Discord)."""

STRONG_FIELD = KEYWORD
"""A logistics or not-held word ("video", "parking") that some entry holds at this weight
or more (a name, alias or keyword) is a topic, not something to refuse."""

YES_NO_NAMED_FLOOR = 0.15
"""A yes/no question naming an entry whole is about it from this score (the claim's words
lower the score without making it another entry's). Lowering it answers more yes/no
questions about entries named in passing."""

DESCRIBED_COVERAGE = 0.5
"""A described entry ("the startup Microsoft bought") must hold this share of the question's
rarity-weighted words. Lowering it answers more descriptions and more near-topic questions
wrongly; tuned on sets A-D and F, judged on the held-out E and G."""

DESCRIBED_LEAD = 0.2
"""And lead the next entry of the described kind by this share."""

LINKED_FLOOR = 0.2
"""Below the usual confidence, a described entry linked to the best ranked ("sur quel PRODUIT
Red Hat mettait-il en garde ?": the tool of Red Hat's talk) is answered only when the best
scores at least this. Lowering it answers descriptions whose best match is a word in
passing ("the car pooling company": Docker's talk, on "company"); raising it refuses more
of them. Tuned on the description types of sets E, I and J (dev)."""

DESCRIBED_MIN_WORDS = 2
"""A description is at least this many of the question's words found in one entry."""

COUNTED_STEM_LETTERS = 5
"""A counted noun ("how many CONTAINERS") agrees with a card's word beside a number when
both begin with this many letters, so plurals agree ("containers" / "container", "pitfalls"
/ "pitfall"). Fewer letters let unrelated words agree and answer counts the card does not
hold; more lose plurals and genders. Guarded by the near-topic types of sets A-F and I (dev)
and tests/answer/test_asked_details.py."""

LINKED_DESCRIBED_SHARE = 0.8
"""When the answer is of another kind than the one described and several entries of that
kind are linked to it, the best ranked of them is taken if it scores this share of the
answer ("the Microsoft container SERVICE that runs Kubernetes": of the Deis talk's tools,
Azure Container Service, a close second). Lowering it takes a linked entry the question
barely names; raising it answers the talk instead of the tool described. Guarded by the
description types of sets E, F and I (dev)."""

DESCRIBED_UNKNOWN_SHARE = 0.5
"""A question word no entry holds counts against a description as this share of the rarest
word's weight: "the salary of the Azure program manager" describes nobody."""

MAX_FRAGMENT_WORDS = 4
"""A question this short with no question word ("prometheus version?") is a fragment: its
words beside the entry's name are what it asks, and must be on the entry's card."""

MIN_PHRASE_TITLE_WORDS = 3
"""A title of stop words is looked for as a phrase only from this many words ("There is no
container"); a shorter one ("The End") is too often said in passing."""

MAX_PAIR_WORDS = 8
"""The second half of "X and Y" is read as a question of its own only this short ("et
celui de Vente Privée"); a longer one is a sentence the splitter already judged."""

_NUMBER = re.compile(r"\b\d{2,6}\b")

# Details every card answers: "what is the name of...", "quel est le sujet de...", and what
# asks for the card itself: "seccomp relevance?", "rancher labs, son rôle ?", "a summary".
_PLAIN_DETAILS = frozenset(
    tokens(
        "name nom title titre subject sujet topic theme point idea idee purpose but role "
        "relevance relevant pertinence importance significance interet rapport lien link "
        "context contexte summary resume overview list liste"
    )
)

_ONE_OF = re.compile(
    r"^(?:celui|celle|ceux|celles|the one|the ones|that one|that of|those of)\b"
    r"(?:\s+(?:de|du|des|d'|sur|on|about|by|of|from))?\s*",
    re.IGNORECASE,
)

_PLACE_AND_TIME = ("date", "venue", "city")

TITLE_RUN = 3
"""How many words in a row of a title the question must say around a relation word ("your
NEXT python", in "Deploy Your Next Python App") for that word to be the title's, not a
question about what is next. Lowering it reads more "next"s as titles on a big schedule."""

HEAD_SHARE = 0.8
"""How close to the best score the first of two named entries tied by "de/of/from" must be
to be the answer ("le draf de Microsoft": Draft over Microsoft). Lowering it answers the
head of more such pairs, and more wrongly when "de" ties nothing ("la boîte de Jessie")."""

AMONG_LEAD = 0.7
"""Of the organisers a question chooses among ("parmi les organisateurs, lequel ..."), the
one it fits is answered only if the next one's best entry scores under this share of it."""

KIND_LEAD_SHARE = 0.6
"""Below the usual confidence (from :data:`LINKED_FLOOR` on), the best ranked entry of the
kind a question describes ("la VERSION de Docker qui ...") is answered if the next entry of
that kind (not linked to it) scores at most this share of it. Chosen on the dev halves."""
