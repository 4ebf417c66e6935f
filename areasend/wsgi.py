import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

# A server gets the production settings unless told otherwise by name.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings_production")
application = get_wsgi_application()
# Import the URLconf, and with it every view, while the worker starts: the planner's solver
# alone takes over a second, which would otherwise fall on each worker's first visitor.
import_module(settings.ROOT_URLCONF)
