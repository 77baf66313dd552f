// Reading email as text: MIME decoding, HTML to text, tokens, and the vocabulary that encodes them.
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../src/text/email';
import { decodeEntities, htmlToText } from '../src/text/html-to-text';
import { tokenize } from '../src/text/tokenize';
import { PAD, UNKNOWN, Vocabulary } from '../src/text/vocabulary';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('parseEmail', () => {
  it('reads header fields (lower-cased names, folded lines joined, the mbox From line skipped) and the body after the blank line', () => {
    const raw = 'From someone@example.com  Thu Aug 22 12:36:23 2002\nSubject: a long\n  subject line\nX-Mailer: Foo\n\nHello\nworld\n';
    const email = parseEmail(raw);
    expect(email.headers).toEqual([
      { name: 'subject', value: 'a long subject line' },
      { name: 'x-mailer', value: 'Foo' },
    ]);
    expect(email.body).toBe('Hello\nworld\n');
  });

  it('decodes RFC 2047 encoded words in both encodings, in their charset', () => {
    const email = parseEmail('Subject: =?iso-8859-1?Q?Caf=E9_au_lait?= =?utf-8?B?w7xiZXI=?=\n\nbody');
    expect(email.headers[0].value).toBe('Café au laitüber');
  });

  it('decodes quoted-printable and base64 bodies in their charset, and CRLF line ends', () => {
    const qp = parseEmail('Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCr=E9dit soft=\r\nbreak');
    expect(qp.body).toBe('Crédit softbreak');
    const b64 = parseEmail(`Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n${Buffer.from('grüße', 'utf8').toString('base64')}\n`);
    expect(b64.body).toBe('grüße');
  });

  it('turns an HTML body into the text a reader sees', () => {
    const email = parseEmail(
      'Content-Type: text/html\n\n<html><head><title>t</title><style>p{}</style></head><body><p>Buy&nbsp;now</p><script>x()</script><b>cheap</b></body></html>',
    );
    expect(squash(email.body)).toBe('Buy now cheap');
  });

  it('reads one form of a multipart/alternative message (plain text first) and skips attachments in multipart/mixed', () => {
    const alternative = [
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html',
      '',
      '<p>html version</p>',
      '--b1',
      'Content-Type: text/plain',
      '',
      'plain version',
      '--b1--',
    ].join('\n');
    expect(squash(parseEmail(alternative).body)).toBe('plain version');
    const mixed = [
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      'preamble is not read',
      '--outer',
      'Content-Type: text/plain',
      '',
      'the letter',
      '--outer',
      'Content-Type: application/octet-stream',
      'Content-Transfer-Encoding: base64',
      '',
      'AAECAw==',
      '--outer',
      'Content-Type: text/plain',
      'Content-Disposition: attachment; filename="notes.txt"',
      '',
      'attached notes',
      '--outer--',
    ].join('\n');
    expect(squash(parseEmail(mixed).body)).toBe('the letter');
  });

  it('treats a body without Content-Type as plain text', () => {
    expect(parseEmail('Subject: x\n\n<p>not html</p>').body).toBe('<p>not html</p>');
  });
});

describe('htmlToText and decodeEntities', () => {
  it('keeps words on either side of block elements apart and drops comments', () => {
    expect(squash(htmlToText('one<br>two<div>three</div><!-- hidden -->four'))).toBe('one two three four');
  });

  it('decodes named, decimal and hex entities and leaves unknown names alone', () => {
    expect(decodeEntities('&amp; &lt;b&gt; &#233; &#x41; &bogus;')).toBe('& <b> é A &bogus;');
  });
});

describe('tokenize', () => {
  it('lower-cases words and folds URLs, email addresses and numbers into placeholders', () => {
    expect(tokenize('Visit http://x.example/a?b=1 or www.deals.example, mail Bob.Smith@example.co.uk: 1,000.50 FREE')).toEqual([
      'visit',
      '<url>',
      'or',
      '<url>',
      'mail',
      '<email>',
      '<num>',
      'free',
    ]);
  });

  it('keeps ! and $ as tokens, keeps apostrophes inside words, and drops other punctuation', () => {
    expect(tokenize("Don't wait!! Only $5 (today).")).toEqual(["don't", 'wait', '!', '!', 'only', '$', '<num>', 'today']);
  });

  it('reads accented letters as letters and drops runs longer than a word', () => {
    expect(tokenize(`crédit ${'x'.repeat(21)} ${'y'.repeat(20)}`)).toEqual(['crédit', 'y'.repeat(20)]);
  });
});

describe('Vocabulary', () => {
  const docs = [
    ['spam', 'spam', 'spam', 'eggs'],
    ['eggs', 'ham'],
    ['ham', 'eggs', 'toast'],
  ];

  it('ranks tokens by the number of documents containing them, ties alphabetically, after <pad> and <unk>', () => {
    // document frequencies: eggs 3, ham 2, spam 1, toast 1 (spam's three repeats in one document count once)
    expect(Vocabulary.build(docs, { maxSize: 10 }).tokens).toEqual([PAD, UNKNOWN, 'eggs', 'ham', 'spam', 'toast']);
  });

  it('does not depend on the order of the documents, and honours maxSize and minDocuments', () => {
    expect(Vocabulary.build([...docs].reverse(), { maxSize: 10 }).tokens).toEqual(Vocabulary.build(docs, { maxSize: 10 }).tokens);
    expect(Vocabulary.build(docs, { maxSize: 4 }).tokens).toEqual([PAD, UNKNOWN, 'eggs', 'ham']);
    expect(Vocabulary.build(docs, { maxSize: 10, minDocuments: 2 }).tokens).toEqual([PAD, UNKNOWN, 'eggs', 'ham']);
  });

  it('encodes to a fixed length: unknown tokens as 1, padding as 0 with mask 0, long documents cut', () => {
    const v = new Vocabulary([PAD, UNKNOWN, 'a', 'b']);
    expect(v.encode(['b', 'zzz', 'a'], 5)).toEqual({ ids: [3, 1, 2, 0, 0], mask: [1, 1, 1, 0, 0] });
    expect(v.encode(['a', 'b', 'a', 'b'], 2)).toEqual({ ids: [2, 3], mask: [1, 1] });
    expect(v.encode([], 2)).toEqual({ ids: [0, 0], mask: [0, 0] });
  });

  it('refuses a token list without the reserved ids or with duplicates', () => {
    expect(() => new Vocabulary(['a', PAD, UNKNOWN])).toThrow(/first two tokens/);
    expect(() => new Vocabulary([PAD, UNKNOWN, 'a', 'a'])).toThrow(/distinct/);
  });
});
