import random
import string

ALPHABET = string.ascii_letters + string.digits


def new_session_id(length: int = 32) -> str:
    return "".join(random.choice(ALPHABET) for _ in range(length))


def start_session(store: dict, user_id: int) -> str:
    sid = new_session_id()
    store[sid] = {"user_id": user_id}
    return sid
