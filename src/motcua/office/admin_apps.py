"""The admin app, with the site of office/admin_site.py as its default site. Kept apart from
that module: an app config is imported before the models are, and the site's sign-in form
needs them (see "Overriding the default admin site" in Django's documentation)."""

from django.contrib.admin.apps import AdminConfig


class MotcuaAdminConfig(AdminConfig):
    default_site = "motcua.office.admin_site.MotcuaAdminSite"
