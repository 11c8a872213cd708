module.exports = async function handler(req, res) {
  const page = parseInt(req.query.page, 10);
  let message;
  if (Number.isInteger(page) && page > 0) {
    message = `<p>Showing page ${page}</p>`;
  } else {
    message = '<p>Showing page 1</p>';
  }
  res.setHeader('Content-Type', 'text/html');
  res.status(200).end(`<html><body>${message}</body></html>`);
};
