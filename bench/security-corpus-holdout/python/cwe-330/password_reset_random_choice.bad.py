import random
import string
from datetime import datetime, timedelta

ALPHABET = string.ascii_letters + string.digits


def create_reset_token(user, store):
    token = "".join(random.choice(ALPHABET) for _ in range(32))
    store.save(user_id=user.id, token=token, expires=datetime.utcnow() + timedelta(hours=1))
    return token
