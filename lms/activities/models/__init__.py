"""What learners do in activities. Each row names the lesson page and the id of
the activity block in its body, so one deck or case can sit in several lessons."""

from .case import CaseReflection, CaseResponse
from .dialogue import CardNote, FacilitatorGrant, SessionCardRecord, TeamSession
from .h5p import H5PAttempt, H5PUserData, XAPIStatement
from .quiz import QuizAnswer, QuizAttempt

__all__ = [
    "CardNote",
    "CaseReflection",
    "CaseResponse",
    "FacilitatorGrant",
    "H5PAttempt",
    "H5PUserData",
    "QuizAnswer",
    "QuizAttempt",
    "SessionCardRecord",
    "TeamSession",
    "XAPIStatement",
]
