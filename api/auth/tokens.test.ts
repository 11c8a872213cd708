import { InvalidTokenError, TokenIssuer } from './tokens';

const settings = { secret: 'a test secret of enough length for HS256', issuer: 'https://issuer.test', audience: 'codex-test', accessTtlSeconds: 60, refreshTtlSeconds: 60 };
/** Access tokens that expire two seconds after they are issued (JWT times are whole seconds, so 1 to 2 s of life). */
const shortLived = { ...settings, accessTtlSeconds: 2 };

function claims() {
  return { sub: 'user_ABCDEFGHJKMNPQRS', sid: 'ses_ABCDEFGHJKMNPQRS', email: 'a@example.com', email_verified: false, scope: '*', codex_tier: 'free' as const, codex_subscription_id: 'sub_ABCDEFGHJKMNPQRS' };
}

describe('TokenIssuer', () => {
  it('refuses a token it verified before once that token has expired', async () => {
    const issuer = new TokenIssuer(shortLived);
    const { token } = issuer.issueAccessToken(claims());
    expect(issuer.verifyAccessToken(token).sub).toBe('user_ABCDEFGHJKMNPQRS');
    expect(issuer.verifyAccessToken(token).sub).toBe('user_ABCDEFGHJKMNPQRS'); // remembered
    await new Promise((r) => setTimeout(r, 3_100));
    expect(() => issuer.verifyAccessToken(token)).toThrow(InvalidTokenError);
  });

  it('never answers a refresh token as an access token, nor the reverse', () => {
    const issuer = new TokenIssuer(settings);
    const { token } = issuer.issueAccessToken(claims());
    const refresh = issuer.issueRefreshToken({ sub: 'user_ABCDEFGHJKMNPQRS', sid: 'ses_ABCDEFGHJKMNPQRS', jti: 'rt_ABCDEFGHJKMNPQRS' });
    expect(() => issuer.verifyAccessToken(refresh)).toThrow(InvalidTokenError);
    expect(issuer.verifyAccessToken(token).sid).toBe('ses_ABCDEFGHJKMNPQRS');
    expect(() => issuer.verifyRefreshToken(token)).toThrow(InvalidTokenError);
  });

  it('does not take a verified token for another with one character changed', () => {
    const issuer = new TokenIssuer(settings);
    const { token } = issuer.issueAccessToken(claims());
    issuer.verifyAccessToken(token);
    // One character of the payload changed (a signature's last character may carry padding bits only).
    const at = token.indexOf('.') + 5;
    const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    expect(() => issuer.verifyAccessToken(forged)).toThrow(InvalidTokenError);
  });
});
