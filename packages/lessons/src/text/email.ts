// An email as a reader sees it: its header fields, and the text of its body decoded from the
// MIME encodings mail uses (quoted-printable, base64, multipart, HTML), attachments left out.
import { htmlToText } from './html-to-text';

export interface EmailHeader {
  /** the field name in lower case, e.g. `subject` */
  name: string;
  /** the value with continuation lines joined and RFC 2047 encoded words decoded */
  value: string;
}

export interface ParsedEmail {
  headers: EmailHeader[];
  /** the text of the body's text/plain and text/html parts, HTML turned into plain text */
  body: string;
}

/** Bytes (one per char code) decoded in `charset`; an unknown charset falls back to Latin-1. */
function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** One byte per char code below 256; other characters (text the corpus already decoded) as UTF-8. */
const binary = (s: string): Uint8Array => Uint8Array.from(Array.from(s).flatMap((c) => (c.charCodeAt(0) < 256 ? [c.charCodeAt(0)] : [...Buffer.from(c, 'utf8')])));

function quotedPrintable(s: string): Uint8Array {
  return binary(s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

function base64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
}

/** RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`), as spammers use in subjects. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
      decodeBytes(encoding.toUpperCase() === 'B' ? base64(text) : quotedPrintable(text.replace(/_/g, ' ')), charset.toLowerCase()),
    );
}

/** Header fields up to the first blank line; the mbox `From ` line and other non-fields are skipped. */
function parseHeaders(block: string): EmailHeader[] {
  const headers: EmailHeader[] = [];
  for (const line of block.split('\n')) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const field = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (field) headers.push({ name: field[1].toLowerCase(), value: field[2].trim() });
  }
  for (const h of headers) h.value = decodeEncodedWords(h.value);
  return headers;
}

/** A parameter of a structured header value, e.g. `boundary` of Content-Type. */
function headerParameter(value: string, name: string): string {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : '';
}

function field(headers: EmailHeader[], name: string): string {
  return headers.find((h) => h.name === name)?.value ?? '';
}

function splitHead(text: string): { head: string; rest: string } {
  const blank = text.search(/\n[ \t]*\n/);
  if (blank < 0) return { head: text, rest: '' };
  return { head: text.slice(0, blank), rest: text.slice(text.indexOf('\n', blank + 1) + 1) };
}

/** The reader-visible text of one MIME entity with the given headers and raw body. */
function entityText(headers: EmailHeader[], body: string): string {
  const contentType = field(headers, 'content-type') || 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParameter(contentType, 'boundary');
    if (!boundary) return '';
    const delimiter = `--${boundary}`;
    const parts = body
      .split('\n')
      .reduce<string[][]>((acc, line) => {
        if (line.startsWith(delimiter)) acc.push([]);
        else if (acc.length > 0) acc[acc.length - 1].push(line);
        return acc;
      }, [])
      .filter((lines) => lines.length > 0)
      .map((lines) => {
        const { head, rest } = splitHead(lines.join('\n'));
        return { headers: parseHeaders(head), body: rest };
      });
    // multipart/alternative holds the same message in several forms: read one, plain text first.
    if (type === 'multipart/alternative') {
      const plain = parts.find((p) => (field(p.headers, 'content-type') || 'text/plain').toLowerCase().startsWith('text/plain'));
      const chosen = plain ?? parts.find((p) => entityText(p.headers, p.body).trim() !== '');
      return chosen ? entityText(chosen.headers, chosen.body) : '';
    }
    return parts.map((p) => entityText(p.headers, p.body)).join('\n');
  }
  if (!type.startsWith('text/') || /attachment/i.test(field(headers, 'content-disposition'))) return '';
  const encoding = field(headers, 'content-transfer-encoding').toLowerCase();
  const charset = headerParameter(contentType, 'charset').toLowerCase();
  // The corpus stores mail as text already; only transfer encodings produce raw bytes to decode.
  const text = encoding === 'base64' ? decodeBytes(base64(body), charset) : encoding === 'quoted-printable' ? decodeBytes(quotedPrintable(body), charset) : body;
  return type === 'text/html' ? htmlToText(text) : text;
}

/** Splits a raw RFC 822 message into decoded header fields and the text of its body. */
export function parseEmail(raw: string): ParsedEmail {
  const { head, rest } = splitHead(raw.replace(/\r\n?/g, '\n'));
  const headers = parseHeaders(head);
  return { headers, body: entityText(headers, rest) };
}
