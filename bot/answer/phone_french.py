"""Phone-typed French written out before reading ("c kan" -> "c est quand", "c t" ->
"c etait")."""

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
}
_SMS_WORD = re.compile(r"\b(" + "|".join(sorted(_SMS, key=len, reverse=True)) + r")\b")
_C_ETAIT = re.compile(r"\bc\s+t\b")  # "c t a paris" -> "c etait a paris"
_C_EST = re.compile(r"\bc\s+(?!est\b|etait\b)(?=[a-z])")


def sms_french(folded: str) -> str:
    """Folded text with phone-typed French written out ("c kan" -> "c est quand")."""
    written = _C_ETAIT.sub("c etait", _SMS_WORD.sub(lambda m: _SMS[m.group(1)], folded))
    return _C_EST.sub("c est ", written)
