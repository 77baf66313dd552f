import { describe, expect, it } from 'vitest';
import { parseXml } from './xml';

describe('the XML reader the report tests use', () => {
  it('reads elements, attributes and text, decoding entities', () => {
    expect(parseXml('<?xml version="1.0"?>\n<a n="&lt;1&gt;"><b/>text &amp; more</a>')).toEqual({
      name: 'a',
      attributes: { n: '<1>' },
      text: 'text & more',
      children: [{ name: 'b', attributes: {}, children: [], text: '' }],
    });
  });

  it('rejects malformed XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/expected <\/b>/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate attribute/);
    expect(() => parseXml('<a>&bogus;</a>')).toThrow(/unknown entity/);
    expect(() => parseXml('<a>x ]]> y</a>')).toThrow(/']]>' in text/);
    expect(() => parseXml('<a/><b/>')).toThrow(/content after the root element/);
    expect(() => parseXml('<a>')).toThrow(/unclosed <a>/);
  });
});
