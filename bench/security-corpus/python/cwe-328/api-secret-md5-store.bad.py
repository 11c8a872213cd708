import hashlib
import secrets

from .models import ApiClient


def create_api_client(name: str) -> tuple:
    client_secret = secrets.token_urlsafe(32)
    stored = hashlib.md5(client_secret.encode()).hexdigest()
    client = ApiClient.objects.create(name=name, secret_hash=stored)
    return client.pk, client_secret
