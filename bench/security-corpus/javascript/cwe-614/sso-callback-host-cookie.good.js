const { exchangeCode } = require('../lib/oidc');

module.exports = async function handler(req, res) {
  const tokens = await exchangeCode(String(req.query.code));
  if (!tokens) {
    res.statusCode = 401;
    return res.end();
  }
  const maxAge = tokens.expires_in || 3600;
  res.setHeader('Set-Cookie', `__Host-id_token=${tokens.id_token}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`);
  res.writeHead(302, { Location: '/' });
  res.end();
};
