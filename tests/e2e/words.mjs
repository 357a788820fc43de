// The words of the user interface (src/i18n/*.def) for the browser tests, so that a test
// finds a button or a heading by the text the program shows in either language.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// C string literal(s) -> text: escapes as bytes, then UTF-8.
function cString(literals) {
  const bytes = [];
  for (const m of literals.matchAll(/"((?:[^"\\]|\\.)*)"/gs)) {
    const s = m[1];
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== '\\') {
        bytes.push(...Buffer.from(s[i], 'utf8'));
        continue;
      }
      const c = s[++i];
      if (c === 'x') {
        const hex = s.slice(i + 1).match(/^[0-9a-fA-F]{1,2}/)[0];
        bytes.push(parseInt(hex, 16));
        i += hex.length;
      } else if (/[0-7]/.test(c)) {
        const oct = s.slice(i).match(/^[0-7]{1,3}/)[0];
        bytes.push(parseInt(oct, 8));
        i += oct.length - 1;
      } else {
        bytes.push(({ n: 10, t: 9, r: 13, '0': 0 })[c] ?? c.charCodeAt(0));
      }
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every MSG(ID, "english", "日本語") of root's src/i18n/*.def: ID -> { en, ja }. */
export function loadMessages(root) {
  const dir = join(root, 'src', 'i18n');
  const table = new Map();
  const lit = '((?:"(?:[^"\\\\]|\\\\.)*"\\s*)+)';
  const re = new RegExp(`\\bMSG\\(\\s*(\\w+)\\s*,\\s*${lit},\\s*${lit}\\)`, 'g');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.def'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(re))
      table.set(m[1], { en: cString(m[2]), ja: cString(m[3]) });
  }
  return table;
}

/** t(id): the text of message id in lang. */
export function wordsOf(root, lang) {
  const messages = loadMessages(root);
  return (id) => {
    const m = messages.get(id);
    if (!m) throw new Error(`message ${id} is not in src/i18n/*.def`);
    return m[lang];
  };
}

/** s with the characters a regular expression gives meaning to escaped. */
export const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
