"""`manage.py import_h5p PATH` that stops dead at a chosen moment, for the fault
tests (tests/h5p/test_faults.py), which then kill it with SIGKILL.

    H5P_STOP_AT=<event>:<n>  stop at the n-th event, one of
        save       a file has been written through the storage API
        delete     a file has been deleted through the storage API
        rename     a file or folder has been moved (os.replace / os.rename)
        commit     the database transaction is about to commit
        committed  the database transaction has committed
    H5P_STOP_FILE=<path>     written (with the event) once stopped
    MEDIA_ROOT=<path>        the storage folder

The hooks wrap Django and the os module from outside, so the import runs the
code it runs in production; nothing in the platform knows about them.
"""

import os
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def _install_stop(event: str, at: int, stop_file: Path) -> None:
    from django.core.files.storage import FileSystemStorage
    from django.db.backends.base.base import BaseDatabaseWrapper

    seen = {"count": 0}

    def reached(name: str) -> None:
        if name != event:
            return
        seen["count"] += 1
        if seen["count"] == at:
            stop_file.write_text(f"{event}:{at}\n")
            time.sleep(600)  # the test kills the process here
            os._exit(3)  # never reached unless the test forgot to

    def after(name, function):
        def wrapper(*args, **kwargs):
            result = function(*args, **kwargs)
            reached(name)
            return result

        return wrapper

    FileSystemStorage._save = after("save", FileSystemStorage._save)
    FileSystemStorage.delete = after("delete", FileSystemStorage.delete)
    os.replace = after("rename", os.replace)
    os.rename = after("rename", os.rename)
    commit = BaseDatabaseWrapper.commit

    def commit_with_stops(self):
        reached("commit")
        commit(self)
        reached("committed")

    BaseDatabaseWrapper.commit = commit_with_stops


def main() -> None:
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django
    from django.conf import settings

    # The test settings put media in a fixed temporary folder; the test's own
    # storage folder comes from the environment.
    settings.MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
    django.setup()
    if stop := os.environ.get("H5P_STOP_AT"):
        event, at = stop.split(":")
        _install_stop(event, int(at), Path(os.environ["H5P_STOP_FILE"]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "import_h5p", *sys.argv[1:]])


if __name__ == "__main__":
    main()
