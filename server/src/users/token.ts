import { SignJWT, jwtVerify, errors } from 'jose';

type Verified = { userId: string; generation: number } | { error: 'expired' | 'invalid' };

/** Tokens verified recently, bounded (least recently used out). */
const MAX_VERIFIED = 10_000;

/**
 * Signed, expiring bearer tokens (HS256). The key is shared by all server processes.
 * A verified token is remembered with its expiry, so the HMAC is computed once per token and
 * process rather than on every request. Only the signature check is cached: revocation is the
 * token generation, which the actor lookup compares on every request (users/actor-cache.ts).
 */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, { userId: string; generation: number; expiresAtMs: number }>();
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
  async verify(token: string): Promise<Verified> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() >= known.expiresAtMs) {
        this.verified.delete(token);
        return { error: 'expired' };
      }
      this.verified.delete(token);
      this.verified.set(token, known);
      return { userId: known.userId, generation: known.generation };
    }
    const result = await this.verifySignature(token);
    if ('userId' in result && token.length <= 2048) {
      this.verified.set(token, { ...result, expiresAtMs: result.expiresAtMs });
      if (this.verified.size > MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
    }
    return 'userId' in result ? { userId: result.userId, generation: result.generation } : result;
  }

  private async verifySignature(token: string): Promise<{ userId: string; generation: number; expiresAtMs: number } | { error: 'expired' | 'invalid' }> {
    try {
      // A token without an expiry would be valid forever: refuse it even when correctly signed.
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      const generation = payload.gen === undefined ? 0 : payload.gen;
      if (!payload.sub || typeof generation !== 'number' || !Number.isInteger(generation)) return { error: 'invalid' };
      return { userId: payload.sub, generation, expiresAtMs: payload.exp! * 1000 };
    } catch (e) {
      return { error: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
