const express = require('express');
const React = require('react');
const { renderToString } = require('react-dom/server');

const router = express.Router();

router.post('/profile/preview', express.urlencoded({ extended: false }), (req, res) => {
  const bio = req.body.bio;
  const markup = renderToString(
    React.createElement('div', { className: 'bio' }, bio)
  );
  res.send(`<!doctype html><html><body>${markup}</body></html>`);
});

module.exports = router;
