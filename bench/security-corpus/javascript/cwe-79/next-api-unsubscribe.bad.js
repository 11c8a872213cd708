module.exports = async function handler(req, res) {
  const email = req.query.email;
  let message;
  if (email) {
    message = `<p>${email} has been removed from the mailing list.</p>`;
  } else {
    message = '<p>No address supplied.</p>';
  }
  res.setHeader('Content-Type', 'text/html');
  res.status(200).end(`<html><body>${message}</body></html>`);
};
