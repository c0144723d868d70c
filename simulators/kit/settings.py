"""The settings every simulator shares; a simulator's settings module calls `base(...)`."""

from __future__ import annotations

import os
from pathlib import Path

KIT_DIR = Path(__file__).resolve().parent


def base(app_label: str, urlconf: str) -> dict:
    """Settings for `simulators.<app_label>`: its SQLite file in the data directory (--data),
    the kit's templates and context, CSRF on its pages (its API views are csrf_exempt)."""
    data_dir = Path(os.environ.get("SIM_DATA", "var/sim/" + app_label)).resolve()
    return {
        "DEBUG": os.environ.get("SIM_DEBUG") == "1",
        # A simulator is a local test double; its key only signs its own pages' CSRF cookies.
        "SECRET_KEY": "simulator-" + app_label + "-not-a-secret-" + "x" * 30,
        "ALLOWED_HOSTS": ["*"],
        "ROOT_URLCONF": urlconf,
        "INSTALLED_APPS": [
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "simulators.kit",
            f"simulators.{app_label}",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.messages.context_processors.messages",
                        "simulators.kit.context.simulator",
                    ]
                },
            }
        ],
        "DATABASES": {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(data_dir / f"{app_label}.sqlite3"),
                "OPTIONS": {
                    "timeout": 30,
                    "transaction_mode": "IMMEDIATE",
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                },
            }
        },
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "LANGUAGE_CODE": "vi",
        "USE_I18N": True,
        "TIME_ZONE": "Asia/Ho_Chi_Minh",
        "USE_TZ": True,
        "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
        "MESSAGE_STORAGE": "django.contrib.messages.storage.cookie.CookieStorage",
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 40 * 1024 * 1024,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": 5 * 1024 * 1024,
        "SIM_DATA_DIR": data_dir,
        "SIM_PUBLIC_URL": os.environ.get("SIM_PUBLIC_URL", "http://127.0.0.1"),
        "SIM_FAULT_PATHS": ("/api/",),
        # Errors go to the simulator's log (stderr), whatever DEBUG says.
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"stderr": {"class": "logging.StreamHandler"}},
            "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
        },
    }
