import os

import requests

STRIPE_API_KEY = os.getenv("STRIPE_API_KEY", "")
API_BASE = "https://api.stripe.com/v1"


def create_charge(amount_cents: int, customer_id: str) -> dict:
    if not STRIPE_API_KEY:
        raise RuntimeError("STRIPE_API_KEY is not configured")
    resp = requests.post(
        f"{API_BASE}/charges",
        auth=(STRIPE_API_KEY, ""),
        data={"amount": amount_cents, "currency": "eur", "customer": customer_id},
        timeout=15,
    )
    resp.raise_for_status()
    return resp.json()
