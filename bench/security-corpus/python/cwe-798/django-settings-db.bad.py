DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "crm",
        "USER": "crm_admin",
        "PASSWORD": "CrmAdm1n#Prod",
        "HOST": "crm-db.internal",
        "PORT": "5432",
    }
}

DEBUG = False
ALLOWED_HOSTS = ["crm.example.com"]
