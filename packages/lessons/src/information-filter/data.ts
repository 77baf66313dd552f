// Lesson 06's data: the SpamAssassin corpus, each email read as its subject and body text,
// tokenised, split by group (so hard ham lands in every part), and encoded with a vocabulary
// built on the training part only.
import { type Email, loadSpamAssassin } from '../datasets/spam-assassin';
import { type Split, stratifiedSplit } from '../datasets/stratified-split';
import { tokenize } from '../text/tokenize';
import { Vocabulary } from '../text/vocabulary';
import { FILTER_DATA } from './settings';

export interface TokenizedEmail extends Email {
  /** the subject, then the body, as tokens */
  tokens: string[];
}

/** A set of emails encoded for the model: row i of ids and mask is email i. */
export interface EncodedEmails {
  emails: TokenizedEmail[];
  /** [N, L] token ids, 0 = padding */
  ids: number[][];
  /** [N, L] keep-mask, 1 = a token of the email */
  mask: number[][];
  /** whether email i is spam */
  spam: boolean[];
}

export interface FilterData {
  split: Split<TokenizedEmail>;
  vocabulary: Vocabulary;
  train: EncodedEmails;
  validation: EncodedEmails;
  test: EncodedEmails;
}

/** The text a filter reads from an email: its subject line, then its body. */
export function readableText(email: Email): string {
  return `${email.subject}\n${email.body}`;
}

export function encodeEmails(emails: TokenizedEmail[], vocabulary: Vocabulary, length: number): EncodedEmails {
  const encoded = emails.map((e) => vocabulary.encode(e.tokens, length));
  return { emails, ids: encoded.map((e) => e.ids), mask: encoded.map((e) => e.mask), spam: emails.map((e) => e.spam) };
}

/** The corpus (`corpus`, default: loaded now), tokenised, split and encoded as FILTER_DATA says. */
export function prepareFilterData(corpus: readonly Email[] = loadSpamAssassin()): FilterData {
  const emails: TokenizedEmail[] = corpus.map((e) => ({ ...e, tokens: tokenize(readableText(e)) }));
  const split = stratifiedSplit(emails, (e) => e.group, FILTER_DATA, FILTER_DATA.splitSeed);
  const vocabulary = Vocabulary.build(
    split.train.map((e) => e.tokens),
    { maxSize: FILTER_DATA.vocabularySize, minDocuments: FILTER_DATA.minDocuments },
  );
  const encode = (set: TokenizedEmail[]) => encodeEmails(set, vocabulary, FILTER_DATA.length);
  return { split, vocabulary, train: encode(split.train), validation: encode(split.validation), test: encode(split.test) };
}
