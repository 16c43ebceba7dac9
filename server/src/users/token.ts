import { SignJWT, jwtVerify, errors } from 'jose';

/** Signed, expiring bearer tokens (HS256). The key is shared by all server processes. */
export class TokenService {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `generation`: the user's token generation; bumping it (disable, password reset) ends every older token. */
  async issue(userId: string, generation = 0): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({ gen: generation })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The user id and token generation, or a reason the token is unusable ('expired' | 'invalid'). */
  async verify(token: string): Promise<{ userId: string; generation: number } | { error: 'expired' | 'invalid' }> {
    try {
      // A token without an expiry would be valid forever: refuse it even when correctly signed.
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      const generation = payload.gen === undefined ? 0 : payload.gen;
      if (!payload.sub || typeof generation !== 'number' || !Number.isInteger(generation)) return { error: 'invalid' };
      return { userId: payload.sub, generation };
    } catch (e) {
      return { error: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
