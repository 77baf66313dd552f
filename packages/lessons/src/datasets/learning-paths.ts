// Generated study histories for lesson 08. A catalogue of learning resources, grouped by topic,
// each topic split into tracks of increasing level, with prerequisites; learners with two or
// three interests whose weights drift over time; and, for every step, which earlier steps of the
// history belong to the topic of the resource studied then (what a recommender should look at).
import { SeededRandom } from '../seeded-random';

export const TOPICS = ['algebra', 'statistics', 'python', 'databases', 'machine learning', 'web design', 'writing', 'music theory'] as const;
export type Topic = (typeof TOPICS)[number];

/** Tracks per topic (a, b, c, d) and levels per track (1 … 5). */
export const TRACKS = 4;
export const LEVELS = 5;

export interface Resource {
  /** index into the catalogue, also the resource's id in the models */
  id: number;
  /** e.g. "statistics b3": topic, track letter, level */
  name: string;
  topic: number;
  track: number;
  /** 0-based level within the track */
  level: number;
  /** ids that must be studied first: the level below in the same track; the first resource of track a for the first level of every other track */
  prerequisites: number[];
}

const resourceId = (topic: number, track: number, level: number) => (topic * TRACKS + track) * LEVELS + level;

/** Every resource, `TOPICS.length · TRACKS · LEVELS` of them, ordered by id. */
export function resourceCatalogue(): Resource[] {
  return TOPICS.flatMap((topicName, topic) =>
    Array.from({ length: TRACKS }, (_, track) =>
      Array.from({ length: LEVELS }, (_, level): Resource => {
        const prerequisites = level > 0 ? [resourceId(topic, track, level - 1)] : track > 0 ? [resourceId(topic, 0, 0)] : [];
        return { id: resourceId(topic, track, level), name: `${topicName} ${'abcd'[track]}${level + 1}`, topic, track, level, prerequisites };
      }),
    ).flat(),
  );
}

export interface LearningPathOptions {
  /** shortest and longest history, the held-out next resource not counted */
  minLength: number;
  maxLength: number;
  /** chance that a step stays on the track of the learner's last resource in the chosen topic */
  continueTrack: number;
  /** chance that a step is a detour into a topic the learner has no interest in */
  detour: number;
  /** how far an interest's weight (a logit) can move over a history, up or down */
  drift: number;
}

export const LEARNING_PATH_DEFAULTS: LearningPathOptions = { minLength: 8, maxLength: 20, continueTrack: 0.6, detour: 0.1, drift: 4 };

export interface Learner {
  /** the topics the learner cares about (two or three) */
  interests: number[];
  /** resource ids in the order studied; the last one is the held-out next resource */
  sequence: number[];
  /** per step, the probability of each interest at that step (the drift) */
  interestWeights: number[][];
}

/** The studied resources before the held-out one. */
export const historyOf = (learner: Learner): number[] => learner.sequence.slice(0, -1);
/** The held-out next resource. */
export const nextOf = (learner: Learner): number => learner.sequence[learner.sequence.length - 1];

/** Positions of `history` whose resource shares the topic of `candidate`: the part of the history that tells whether it comes next. */
export function relevantPositions(history: readonly number[], candidate: number, catalogue: readonly Resource[]): number[] {
  const topic = catalogue[candidate].topic;
  return history.flatMap((id, t) => (catalogue[id].topic === topic ? [t] : []));
}

/** Standard normal by Box–Muller. */
function gaussian(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

function pick(random: SeededRandom, probabilities: readonly number[]): number {
  let u = random.next();
  for (let i = 0; i < probabilities.length - 1; i++) {
    u -= probabilities[i];
    if (u < 0) return i;
  }
  return probabilities.length - 1;
}

function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const e = logits.map((x) => Math.exp(x - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/**
 * `count` learners from `seed`. Each has two or three interests; interest i has a logit a_i + b_i · s
 * at step s of n (s/n from 0 to 1), a_i standard normal, b_i uniform in ±drift, so some interests
 * fade and others grow. A step picks a topic from the interests' softmax (or, with chance `detour`,
 * any other topic), then a resource of that topic whose prerequisites are met: the next level of the
 * track last studied there with chance `continueTrack`, else any available one.
 */
export function generateLearners(count: number, seed: number, options: Partial<LearningPathOptions> = {}): Learner[] {
  const o = { ...LEARNING_PATH_DEFAULTS, ...options };
  const catalogue = resourceCatalogue();
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const interests = random.shuffle(TOPICS.map((_, i) => i)).slice(0, 2 + random.below(2));
    const start = interests.map(() => gaussian(random));
    const slope = interests.map(() => (2 * random.next() - 1) * o.drift);
    const steps = o.minLength + random.below(o.maxLength - o.minLength + 1) + 1;
    const studied = new Set<number>();
    const lastTrack = new Map<number, number>();
    const sequence: number[] = [];
    const interestWeights: number[][] = [];
    const available = (topic: number) => catalogue.filter((r) => r.topic === topic && !studied.has(r.id) && r.prerequisites.every((p) => studied.has(p)));
    for (let s = 0; s < steps; s++) {
      const weights = softmax(interests.map((_, i) => start[i] + (slope[i] * s) / (steps - 1)));
      interestWeights.push(weights);
      const others = TOPICS.map((_, i) => i).filter((t) => !interests.includes(t));
      let topic = random.next() < o.detour ? others[random.below(others.length)] : interests[pick(random, weights)];
      // A topic can run out (every resource studied): fall back to the learner's interest with the most left.
      if (available(topic).length === 0) topic = [...interests].sort((a, b) => available(b).length - available(a).length)[0];
      const choices = available(topic);
      const track = lastTrack.get(topic);
      const continued = choices.find((r) => r.track === track);
      const resource = continued && random.next() < o.continueTrack ? continued : choices[random.below(choices.length)];
      studied.add(resource.id);
      lastTrack.set(topic, resource.track);
      sequence.push(resource.id);
    }
    return { interests, sequence, interestWeights };
  });
}
