import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
application = get_wsgi_application()

from motcua.lib.startup import check_redis  # noqa: E402 - needs the settings loaded above

check_redis()
