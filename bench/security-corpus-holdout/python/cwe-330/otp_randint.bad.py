import random
from fastapi import FastAPI
from .sms import send_sms
from .cache import otp_cache

app = FastAPI()


@app.post("/auth/otp")
async def send_otp(phone: str):
    code = f"{random.randint(0, 999999):06d}"
    await otp_cache.set(phone, code, ttl=300)
    await send_sms(phone, f"Your login code is {code}")
    return {"sent": True}
