import secrets


class CsrfTokens:
    def issue(self, session: dict) -> str:
        token = secrets.token_hex(20)
        session["csrf_token"] = token
        return token

    def check(self, session: dict, submitted: str) -> bool:
        expected = session.get("csrf_token", "")
        return bool(expected) and secrets.compare_digest(expected, submitted)
