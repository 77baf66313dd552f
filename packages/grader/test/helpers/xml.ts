/** A small XML reader for the JUnit report: elements, attributes, text; throws on malformed input. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    if (!(e in ENTITIES)) throw new Error(`unknown entity ${m}`);
    return ENTITIES[e];
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string) => {
    throw new Error(`malformed XML at ${i}: ${what}`);
  };
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const element = (): XmlElement => {
    skipSpace();
    if (xml[i] !== '<') fail('expected <');
    const nameMatch = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(i));
    if (!nameMatch) fail('bad tag name');
    const el: XmlElement = { name: nameMatch![1], attributes: {}, children: [], text: '' };
    i += nameMatch![0].length;
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const attr = /^([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(xml.slice(i));
      if (!attr) fail(`bad attribute in <${el.name}>`);
      if (attr![1] in el.attributes) fail(`duplicate attribute ${attr![1]}`);
      el.attributes[attr![1]] = decode(attr![2]);
      i += attr![0].length;
    }
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) fail(`unclosed <${el.name}>`);
      const text = xml.slice(i, next);
      if (text.includes(']]>')) fail("']]>' in text");
      el.text += decode(text);
      i = next;
      if (xml.startsWith('</', i)) {
        const close = `</${el.name}>`;
        if (!xml.startsWith(close, i)) fail(`expected ${close}`);
        i += close.length;
        return el;
      }
      el.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
