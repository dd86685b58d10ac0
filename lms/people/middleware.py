"""Speak the language a person chose in their profile.

An explicit choice in the language switcher (the cookie) still wins; without it,
the profile's preferred language beats the browser's Accept-Language header,
which on a shared tablet says little about who is using it."""

from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user = getattr(request, "user", None)
            profile = (
                getattr(user, "profile", None)
                if user and user.is_authenticated
                else None
            )
            if profile is not None:
                translation.activate(profile.preferred_language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
