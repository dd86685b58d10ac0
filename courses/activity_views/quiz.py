"""Views for the quiz activity."""

urlpatterns: list = []
