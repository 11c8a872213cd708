import secrets
from datetime import datetime, timedelta


def create_reset_token(user, store):
    token = secrets.token_urlsafe(32)
    store.save(user_id=user.id, token=token, expires=datetime.utcnow() + timedelta(hours=1))
    return token
