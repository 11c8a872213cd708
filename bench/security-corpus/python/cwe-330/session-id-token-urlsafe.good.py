import secrets


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def start_session(store: dict, user_id: int) -> str:
    sid = new_session_id()
    while sid in store:
        sid = new_session_id()
    store[sid] = {"user_id": user_id}
    return sid
