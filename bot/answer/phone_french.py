"""Phone-typed French written out before reading ("c kan" -> "c est quand", "c t" ->
"c etait"), and "d'apres l'article" read as "selon l'article"."""

from __future__ import annotations

import re

# Phone-typed French, written out before reading ("c kan" -> "c est quand").
_SMS = {
    "kan": "quand",
    "ki": "qui",
    "koi": "quoi",
    "koa": "quoi",
    "kwa": "quoi",
    "kel": "quel",
    "kelle": "quelle",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "cb": "combien",
    "cmb": "combien",
    "qqn": "quelqu un",
    "qq": "quelque",
    "bcp": "beaucoup",
    "ds": "dans",
    "ya": "y a",
    "yavait": "y avait",
    "cest": "c est",
    "heur": "heure",
    "jsuis": "je suis",
    "chui": "je suis",
    # Swiss and Belgian tens
    "septante": "70",
    "huitante": "80",
    "octante": "80",
    "nonante": "90",
}
_SMS_WORD = re.compile(r"\b(" + "|".join(sorted(_SMS, key=len, reverse=True)) + r")\b")
_C_ETAIT = re.compile(r"\bc\s+t\b")  # "c t a paris" -> "c etait a paris"
_C_EST = re.compile(r"\bc\s+(?!est\b|etait\b)(?=[a-z])")
# "d'apres l'article", "d'apres vous": "according to", not "after" ("la session d'apres").
_ACCORDING_TO = re.compile(
    r"\bd['\s]\s*apres\s+(?=(?:l'|le|la|les|ce|cet|cette|ces|mon|ma|mes|ton|ta|tes|son|sa|ses"
    r"|notre|nos|votre|vos|leur|leurs|moi|toi|lui|elle|elles|eux|nous|vous)\b)"
)


def sms_french(folded: str) -> str:
    """Folded text with phone-typed French written out ("c kan" -> "c est quand")."""
    written = _C_ETAIT.sub("c etait", _SMS_WORD.sub(lambda m: _SMS[m.group(1)], folded))
    written = _ACCORDING_TO.sub("selon ", written)
    return _C_EST.sub("c est ", written)
