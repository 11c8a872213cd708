const axios = require('axios');

const MAX_ATTEMPTS = 5;

function backoffDelay(attempt) {
  const base = 500 * 2 ** attempt;
  const jitter = Math.floor(Math.random() * 250);
  return base + jitter;
}

async function deliverWebhook(endpoint, payload) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await axios.post(endpoint, payload, { timeout: 5000 });
    } catch (e) {
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt)));
    }
  }
  throw new Error('webhook delivery failed');
}

module.exports = { deliverWebhook };
