"""The Celery application. Tasks live next to the code they wrap (harvesters/tasks.py, catalogue/search/tasks.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

app = Celery("datatera")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
