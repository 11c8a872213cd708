import datetime

import jwt

JWT_SECRET = "my-super-secret-signing-key-2024"


def issue_token(user_id: int) -> str:
    now = datetime.datetime.now(datetime.timezone.utc)
    claims = {"sub": str(user_id), "iat": now, "exp": now + datetime.timedelta(hours=1)}
    return jwt.encode(claims, JWT_SECRET, algorithm="HS256")


def read_token(token: str) -> dict:
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
