/**
 * Chinese resident ID numbers (GB 11643-1999) and mobile numbers. Pure functions: the browser
 * client imports this through form-keywords.ts, so no node:* imports here.
 *
 * Layout of an ID number: 6-digit area code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd
 * for men, even for women), check character (ISO 7064 MOD 11-2: a digit or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const ID_SHAPE = /^\d{17}[\dX]$/;
const MOBILE_SHAPE = /^1[3-9]\d{9}$/;

/** Province-level prefixes in use (incl. 71 Taiwan, 81/82 Hong Kong/Macao, 83 residence permits). */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Check character for the first 17 digits; throws when given anything but 17 digits. */
export function idCardCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCardCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * A real calendar date between 1900-01-01 and `today`: rejects 19900231 and future births,
 * which a check digit alone would let through.
 */
export function isPlausibleBirthDate(yyyymmdd: string, today: Date = new Date()): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return date.getTime() <= todayUtc;
}

/** 18 characters (X upper case only, so stored data stays uniform), known province, birth date, check digit. */
export function isValidIdCard(s: unknown, today: Date = new Date()): boolean {
  if (typeof s !== 'string' || !ID_SHAPE.test(s)) return false;
  if (!PROVINCE_PREFIXES.has(s.slice(0, 2))) return false;
  if (!isPlausibleBirthDate(s.slice(6, 14), today)) return false;
  return idCardCheckDigit(s.slice(0, 17)) === s[17];
}

/**
 * Builds a valid ID number for demo data and tests (the sequence's last digit sets the sex: odd
 * male, even female). Throws if the parts cannot form a valid number, so bad fixtures fail loudly.
 */
export function makeIdCard(areaCode6: string, birth: string, seq3: string): string {
  if (!/^\d{6}$/.test(areaCode6)) throw new Error(`area code must be 6 digits: ${areaCode6}`);
  if (!/^\d{8}$/.test(birth)) throw new Error(`birth must be YYYYMMDD: ${birth}`);
  if (!/^\d{3}$/.test(seq3)) throw new Error(`sequence must be 3 digits: ${seq3}`);
  const first17 = areaCode6 + birth + seq3;
  const id = first17 + idCardCheckDigit(first17);
  if (!isValidIdCard(id)) throw new Error(`not a plausible ID number: ${id}`);
  return id;
}

/** Mainland mobile number: 11 digits starting 13–19. */
export function isValidMobile(s: unknown): boolean {
  return typeof s === 'string' && MOBILE_SHAPE.test(s);
}
