/**
 * Text typed by the public is stored and shown as plain text, never as HTML: the API returns it as
 * a JSON string and the client renders it as text, so `<script>` stays the seven characters it is.
 * What we remove are characters that are invisible or corrupt storage and display: C0/C1 control
 * characters (NUL cannot even be stored in PostgreSQL text), bidirectional overrides that make
 * text read differently from what it contains, zero-width spaces, and lone UTF-16 surrogates.
 */

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with control and invisible formatting characters removed, trimmed. */
export function plainText(input: string, opts: { multiline?: boolean } = {}): string {
  let s = input.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '');
  s = opts.multiline === false ? s.replace(/[\n\t]+/g, ' ') : s.replace(/\t/g, ' ');
  return s.replace(CONTROL, '').normalize('NFC').trim();
}

/** Length as people count it: code points, so a rare character outside the BMP counts once. */
export const textLength = (s: string): number => Array.from(s).length;
