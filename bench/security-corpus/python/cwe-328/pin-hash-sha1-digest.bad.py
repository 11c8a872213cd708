import hmac
from hashlib import sha1


class PinStore:
    def __init__(self):
        self._pins = {}

    def _digest(self, pin: str) -> bytes:
        return sha1(pin.encode()).digest()

    def set_pin(self, account_id: str, pin: str) -> None:
        self._pins[account_id] = self._digest(pin)

    def check_pin(self, account_id: str, pin: str) -> bool:
        expected = self._pins.get(account_id)
        return expected is not None and hmac.compare_digest(expected, self._digest(pin))
