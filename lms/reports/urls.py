from .views import compliance, individual, matrix, overview, trend

urlpatterns = [
    *overview.urlpatterns,
    *matrix.urlpatterns,
    *compliance.urlpatterns,
    *individual.urlpatterns,
    *trend.urlpatterns,
]
