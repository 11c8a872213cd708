const express = require('express');
const crypto = require('crypto');
const { sendSms } = require('../services/sms');

const router = express.Router();

router.post('/login/otp', async (req, res) => {
  const account = req.account;
  const code = String(crypto.randomInt(100000, 1000000));
  await req.app.locals.redis.set(`otp:${account.id}`, code, 'EX', 300);
  await sendSms(account.phone, `Your sign-in code is ${code}`);
  res.json({ sent: true });
});

module.exports = router;
