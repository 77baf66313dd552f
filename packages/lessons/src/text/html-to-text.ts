// The text a reader of an HTML email sees: markup, styles and scripts removed, entities decoded.

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  cent: '¢',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  bull: '•',
};

function codePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
}

/** Decodes `&name;`, `&#123;` and `&#x7b;`; unknown names are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') return codePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of an HTML document: comments, <head>, <style> and <script> dropped, block
 * elements turned into line breaks so words on either side do not run together, every other
 * tag removed, entities decoded.
 */
export function htmlToText(html: string): string {
  const withoutHidden = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(head|style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const withBreaks = withoutHidden.replace(/<\/?(br|p|div|tr|td|li|h[1-6]|table|blockquote)\b[^>]*>/gi, '\n');
  return decodeEntities(withBreaks.replace(/<[^>]*>/g, ' '));
}
