"""Snippets that lessons place through blocks: dialogue-card decks and cases."""

from .case import Case
from .dialogue import Deck

__all__ = ["Case", "Deck"]
