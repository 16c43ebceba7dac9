/**
 * Receipt codes for objections: what the objector keeps to follow their objection publicly
 * (objectionStatus) without an account. Random, so a code says nothing and cannot be guessed.
 */
import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a receipt read aloud or copied by hand is unambiguous. */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECEIPT_LENGTH = 16; // 80 random bits: not guessable, even without the rate limit

/** A new receipt code, stored without separators. */
export function newReceipt(): string {
  const bytes = randomBytes(RECEIPT_LENGTH);
  return Array.from(bytes, (b) => RECEIPT_ALPHABET[b & 31]).join('');
}

/** `ABCD2345EFGH6789` → `ABCD-2345-EFGH-6789`, as shown to the objector. */
export function formatReceipt(receipt: string): string {
  return receipt.match(/.{1,4}/g)!.join('-');
}

/** What the objector may type: any case, with or without dashes and spaces. Undefined if malformed. */
export function normaliseReceipt(input: string): string | undefined {
  const r = (input ?? '').toUpperCase().replace(/[\s-]/g, '');
  return r.length === RECEIPT_LENGTH && [...r].every((c) => RECEIPT_ALPHABET.includes(c)) ? r : undefined;
}
