import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "motcua.events"
    verbose_name = _("Nhật ký và sự kiện")

    def ready(self) -> None:
        from motcua.events import checks, consumers  # noqa: F401 - checks registers itself

        consumers.load_from_settings()
        post_migrate.connect(grant_after_migrate, sender=self)


def grant_after_migrate(sender, using, **kwargs) -> None:
    """After `migrate` as the owner, grant the application's role again: new tables get its
    rights, and the append-only tables keep only SELECT and INSERT."""
    from django.db import connections

    from motcua.events.roles import application_role, grant_application_role, is_owner_connection

    connection = connections[using]
    if not is_owner_connection(connection):
        return
    role = application_role()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        exists = cursor.fetchone() is not None
    if not exists:
        logging.getLogger(__name__).warning(
            "role %s does not exist yet: run manage.py setup_database_roles", role
        )
        return
    grant_application_role(connection, role)
