import random
import time

import requests


def fetch_with_retry(url: str, attempts: int = 5) -> bytes:
    delay = 0.5
    for attempt in range(attempts):
        resp = requests.get(url, timeout=10)
        if resp.status_code < 500:
            return resp.content
        time.sleep(delay + random.uniform(0, delay))
        delay *= 2
    raise RuntimeError(f"giving up on {url} after {attempts} attempts")
