import hashlib
import hmac


class ApiKeyStore:
    def __init__(self, db):
        self.db = db

    def verify(self, client_id: str, presented_secret: str) -> bool:
        row = self.db.fetch_one("SELECT secret_hash, salt FROM api_clients WHERE id = ?", (client_id,))
        if row is None:
            return False
        salted = (row["salt"] + presented_secret).encode()
        computed = hashlib.sha1(salted).hexdigest()
        return hmac.compare_digest(computed, row["secret_hash"])
