import fs from 'node:fs';

/** The JSON block that follows `<!-- example: name -->` in a docs page, parsed exactly as written. */
export function docExample(file: string, name: string): Record<string, any> {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(`<!-- example: ${name} -->`);
  const m = /```json\n([\s\S]*?)\n```/.exec(text.slice(at));
  if (at < 0 || !m) throw new Error(`no example ${name} in ${file}`);
  return JSON.parse(m[1]!);
}
