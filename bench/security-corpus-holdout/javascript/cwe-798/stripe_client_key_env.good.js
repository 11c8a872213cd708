const Stripe = require('stripe');

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2023-10-16' });

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
