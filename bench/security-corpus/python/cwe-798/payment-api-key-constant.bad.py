import requests

STRIPE_API_KEY = "sk_live_51HxQ2bLkT9sVq3eR8uY0pZmN4wJcX7aD"
API_BASE = "https://api.stripe.com/v1"


def create_charge(amount_cents: int, customer_id: str) -> dict:
    resp = requests.post(
        f"{API_BASE}/charges",
        auth=(STRIPE_API_KEY, ""),
        data={"amount": amount_cents, "currency": "eur", "customer": customer_id},
        timeout=15,
    )
    resp.raise_for_status()
    return resp.json()
