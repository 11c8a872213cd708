import hashlib
import hmac
import os


def hash_password(password: str, salt: str = "") -> str:
    salt = salt or os.urandom(8).hex()
    digest = hashlib.md5((salt + password).encode()).hexdigest()
    return f"md5${salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    _, salt, _ = stored.split("$")
    return hmac.compare_digest(hash_password(password, salt), stored)
