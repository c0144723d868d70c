from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        # Connects the receiver that makes an official's session end with the browser.
        from motcua.accounts import official_sessions  # noqa: F401
