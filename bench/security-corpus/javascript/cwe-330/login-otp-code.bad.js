const express = require('express');
const { sendSms } = require('../services/sms');

const router = express.Router();

router.post('/login/otp', async (req, res) => {
  const account = req.account;
  const code = String(Math.floor(100000 + Math.random() * 900000));
  await req.app.locals.redis.set(`otp:${account.id}`, code, 'EX', 300);
  await sendSms(account.phone, `Your sign-in code is ${code}`);
  res.json({ sent: true });
});

module.exports = router;
