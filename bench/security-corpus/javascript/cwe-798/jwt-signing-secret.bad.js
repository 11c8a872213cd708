const express = require('express');
const jwt = require('jsonwebtoken');
const { verifyUser } = require('../services/users');

const router = express.Router();
const SIGNING_KEY = 'k8s-cluster-jwt-signing-key-do-not-share';

router.post('/token', express.json(), async (req, res) => {
  const user = await verifyUser(req.body.email, req.body.password);
  if (!user) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const token = jwt.sign({ sub: user.id, scope: user.scope }, SIGNING_KEY, { expiresIn: '2h' });
  res.json({ token });
});

module.exports = router;
