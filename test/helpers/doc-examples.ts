import fs from 'node:fs';

/**
 * The JSON block that follows `<!-- example: name -->` in a docs page, parsed exactly as written,
 * so the docs cannot drift from what the tests publish.
 */
export function docExample(doc: string, name: string): any {
  const md = fs.readFileSync(doc, 'utf8');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<!-- example: ${escaped} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(md);
  if (!m) throw new Error(`no example ${name} in ${doc}`);
  return JSON.parse(m[1]!);
}
