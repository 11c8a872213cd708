import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "crm",
        "USER": os.environ.get("CRM_DB_USER", "crm"),
        "PASSWORD": os.environ["CRM_DB_PASSWORD"],
        "HOST": os.environ.get("CRM_DB_HOST", "localhost"),
        "PORT": "5432",
    }
}

DEBUG = False
ALLOWED_HOSTS = ["crm.example.com"]
