/**
 * JSON.parse with the error's line and column. Engines say where in different ways: "line L column
 * C" (Firefox), "at position P" (V8, most errors), or, for V8's "Unexpected token 'x', …"…" is not
 * valid JSON", only a context snippet of up to 10 characters either side of the error.
 */
const CONTEXT = 10;

/** The offset of the error from V8's context snippet, when the message has one. */
function offsetFromSnippet(text: string, msg: string): number | null {
  const m = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(msg);
  if (!m) return null;
  const [, token, before, snippet, after] = m;
  const start = text.indexOf(snippet);
  if (start < 0) return null;
  if (before) return start + CONTEXT; // "...<10 before><token><up to 9 after>"
  if (after) return start + snippet.length - CONTEXT; // "<start…><token><9 after>..."
  // The whole (short) text: the first such token that is not inside a string.
  let inString = false;
  for (let i = start; i < start + snippet.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"' && token !== '"') inString = true;
    else if (ch === token) return i;
  }
  return null;
}

export function parseJson(text: string): { value?: unknown; error?: { message: string; line?: number; column?: number } } {
  if (!text.trim()) return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const msg = (e as Error).message;
    const m = /line (\d+) column (\d+)/.exec(msg);
    if (m) return { error: { message: msg, line: +m[1], column: +m[2] } };
    const p = /position (\d+)/.exec(msg);
    const offset = p ? +p[1] : offsetFromSnippet(text, msg);
    if (offset !== null) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      return { error: { message: msg, line, column: offset - before.lastIndexOf('\n') } };
    }
    return { error: { message: msg } };
  }
}
