"""The answering engine: normalise, rank, steer by intent, abstain."""

from bot.answer.engine import Alternative, Answer, Answerer
from bot.answer.intent import Intent

__all__ = ["Alternative", "Answer", "Answerer", "Intent"]
