"""Views for the case activity."""

urlpatterns: list = []
