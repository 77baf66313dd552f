/**
 * A known mistake: the whole exercise function as a student would write it with that
 * one error. Its outputs on every case are stored beside the expected outputs, so the
 * grader can recognise the mistake without running this code (and the student edition
 * never ships it).
 */
export interface Mistake {
  id: string;
  exercise: string;
  /** what is wrong, in the student's terms */
  what: string;
  /** how to fix it */
  fix: string;
  /** TypeScript source of the exercise function, using only `tf` and `core` */
  source: string;
  /**
   * `source` with exactly the change `fix` describes. It must pass every case and be
   * named as no mistake (test/mistakes.test.ts): a hint that leads into another
   * mistake cannot pass.
   */
  fixed: string;
}
