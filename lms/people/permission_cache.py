"""Each user's set of permissions, kept in the cache between requests.

Every page's navigation asks for a few permissions (`perms` in base.html),
which Django's ModelBackend reads with two queries per request. The backend
here, listed just before ModelBackend, puts the sets ModelBackend keeps on the
user object (`_user_perm_cache`, `_group_perm_cache`, `_perm_cache`) there from
the cache, so ModelBackend answers without a query. It grants nothing itself.

A change to someone's groups or own permissions drops their set; a change to
a group's permissions, a group or a permission replaces the version all sets
are kept under (both connected in apps.py), so a role given or taken counts
from the next request.
"""

import uuid

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

VERSION_KEY = "people:permissions-version"
TIMEOUT = 24 * 3600


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def _key(user_pk) -> str:
    return f"people:permissions:{_version()}:{user_pk}"


def permissions_changed(sender=None, **kwargs) -> None:
    """A group's permissions, a group or a permission changed: everyone's."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def memberships_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Someone's groups or own permissions changed: theirs only (`reverse`:
    users added to or removed from a group, whose ids are in `pk_set`)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        cache.delete(_key(instance.pk))
    elif pk_set is not None:
        cache.delete_many([_key(pk) for pk in pk_set])
    else:  # group.user_set.clear(): whom it held is no longer known
        permissions_changed()


class CachedPermissionsBackend:
    """Loads the user's permission sets from the cache for ModelBackend.
    Without `get_user`: logins and sessions stay ModelBackend's."""

    def authenticate(self, request, **credentials):
        return None

    def _load(self, user) -> None:
        if (
            hasattr(user, "_perm_cache")
            or not user.is_active
            or user.is_anonymous
            or user.pk is None
        ):
            return
        key = _key(user.pk)
        sets = cache.get(key)
        if sets is None:
            model = ModelBackend()
            sets = (model.get_user_permissions(user), model.get_group_permissions(user))
            cache.set(key, sets, TIMEOUT)
        user._user_perm_cache, user._group_perm_cache = sets
        user._perm_cache = sets[0] | sets[1]

    def has_perm(self, user_obj, perm, obj=None):
        self._load(user_obj)
        return False

    def has_module_perms(self, user_obj, app_label):
        self._load(user_obj)
        return False

    def get_all_permissions(self, user_obj, obj=None):
        self._load(user_obj)
        return set()
