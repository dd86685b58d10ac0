from .views import learner, self_assessment, staff

urlpatterns = [
    *learner.urlpatterns,
    *self_assessment.urlpatterns,
    *staff.urlpatterns,
]
