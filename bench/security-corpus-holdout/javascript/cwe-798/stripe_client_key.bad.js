const Stripe = require('stripe');

const stripe = new Stripe('sk_live_51HqLyjWDarjtT1zdp7dcXQKZ4w9GaXvBa6mL2oYf3nQ8', { apiVersion: '2023-10-16' });

async function chargeCustomer(customerId, amountCents, description) {
  return stripe.paymentIntents.create({
    amount: amountCents,
    currency: 'usd',
    customer: customerId,
    description,
    confirm: true,
  });
}

module.exports = { chargeCustomer };
