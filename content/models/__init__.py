"""Snippets that lessons place through blocks: decks, cases, H5P packages."""

from .case import Case
from .dialogue import Deck
from .h5p import H5PLibrary, H5PPackage

__all__ = ["Case", "Deck", "H5PLibrary", "H5PPackage"]
