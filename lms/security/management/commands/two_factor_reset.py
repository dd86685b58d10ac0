"""Switch off someone's two-factor login, e.g. after they lost their phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.security.services import two_factor_disable


class Command(BaseCommand):
    help = "Remove a user's authenticator so they can set up two-factor login again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user {username!r}.") from error
        if not two_factor_disable(user=user, actor=None):
            raise CommandError(f"{username} has no two-factor login.")
        self.stdout.write(f"Two-factor login for {username} is switched off.")
