import { SignJWT, jwtVerify, errors } from 'jose';

/** Signed, expiring bearer tokens (HS256). The key is shared by all server processes. */
export class TokenService {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The user id, or a reason the token is unusable ('expired' | 'invalid'). */
  async verify(token: string): Promise<{ userId: string } | { error: 'expired' | 'invalid' }> {
    try {
      // A token without an expiry would be valid forever: refuse it even when correctly signed.
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      return payload.sub ? { userId: payload.sub } : { error: 'invalid' };
    } catch (e) {
      return { error: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
