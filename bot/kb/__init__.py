"""Knowledge base: the YAML format, its validation, and the immutable indexed model."""

from bot.kb.loader import KnowledgeError, load_knowledge
from bot.kb.model import (
    KINDS,
    Company,
    Entry,
    Event,
    Faq,
    KnowledgeBase,
    Link,
    Session,
    Speaker,
    Text,
    Tool,
    kind_of,
    title_of,
)

__all__ = [
    "KINDS",
    "Company",
    "Entry",
    "Event",
    "Faq",
    "KnowledgeBase",
    "KnowledgeError",
    "Link",
    "Session",
    "Speaker",
    "Text",
    "Tool",
    "kind_of",
    "load_knowledge",
    "title_of",
]
