import random
import time


class CsrfTokens:
    def __init__(self):
        self._rng = random.Random(int(time.time()))

    def issue(self, session: dict) -> str:
        token = "".join(self._rng.choices("0123456789abcdef", k=40))
        session["csrf_token"] = token
        return token
