// Words for a spam filter: lower-cased, with web addresses, email addresses and numbers each
// folded into one placeholder token, and the two punctuation marks spam is known for kept.

/** Placeholder tokens that stand for a whole class of strings. */
export const PLACEHOLDERS = { url: '<url>', email: '<email>', number: '<num>' } as const;

/** Words longer than this are encoded data or run-together text, not words. */
const MAX_WORD = 20;

const TOKEN = /(https?:\/\/\S+|www\.\S+)|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(\d+(?:[.,]\d+)*)|(\p{L}+(?:['’]\p{L}+)*)|([!$])/gu;

/**
 * The tokens of `text`, in order: URLs become `<url>`, email addresses `<email>`, numbers
 * `<num>`, words are lower-cased (words over 20 letters are dropped), `!` and `$` are kept,
 * and every other character separates tokens.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    if (m[1]) tokens.push(PLACEHOLDERS.url);
    else if (m[2]) tokens.push(PLACEHOLDERS.email);
    else if (m[3]) tokens.push(PLACEHOLDERS.number);
    else if (m[4]) {
      if (m[4].length <= MAX_WORD) tokens.push(m[4]);
    } else tokens.push(m[5]);
  }
  return tokens;
}
