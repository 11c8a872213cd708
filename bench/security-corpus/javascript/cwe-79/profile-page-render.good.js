const express = require('express');
const { findProfile } = require('../services/profiles');

const router = express.Router();

router.get('/u/:username', async (req, res) => {
  const username = req.params.username;
  const profile = await findProfile(username);
  if (!profile) {
    return res.status(404).render('not-found', { username });
  }
  res.render('profile', { username, bio: profile.bio, title: 'Profile' });
});

module.exports = router;
