import hashlib
import hmac


class ApiKeyStore:
    def __init__(self, db):
        self.db = db

    def verify(self, client_id: str, presented_secret: str) -> bool:
        row = self.db.fetch_one("SELECT secret_hash, salt FROM api_clients WHERE id = ?", (client_id,))
        if row is None:
            return False
        computed = hashlib.scrypt(presented_secret.encode(), salt=bytes.fromhex(row["salt"]), n=2**14, r=8, p=1).hex()
        return hmac.compare_digest(computed, row["secret_hash"])
