import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecheck.settings.base")
application = get_wsgi_application()

# Load every view now rather than on the first request, then freeze what start-up made: those
# objects live as long as the process, and leaving them to the collector makes each full
# collection walk them all, stalling the request it lands in for tens of milliseconds.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
