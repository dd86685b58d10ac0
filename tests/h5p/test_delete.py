import pytest
from django.core.files.storage import default_storage

from content.h5p.services import h5p_package_import
from tests.fixtures import H5P_FIXTURES

FIXTURES = H5P_FIXTURES


@pytest.mark.django_db
def test_deleting_a_package_removes_its_content_but_keeps_libraries(
    django_capture_on_commit_callbacks,
):
    with (FIXTURES / "true-false.h5p").open("rb") as upload:
        package = h5p_package_import(file=upload, filename="true-false.h5p")
    content_json = f"{package.storage_path}/content/content.json"
    library = package.libraries.first()
    assert default_storage.exists(content_json)
    with django_capture_on_commit_callbacks(execute=True):
        package.delete()
    assert not default_storage.exists(content_json)
    assert default_storage.exists(f"{library.storage_path}/library.json")
