"""Views for the dialogue activity."""

urlpatterns: list = []
