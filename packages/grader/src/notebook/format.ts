// The parts of nbformat 4 that attnlab reads and writes: one model of a notebook for the grader,
// the student release and the course site.
import * as path from 'node:path';

export interface Output {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: 'stdout' | 'stderr';
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  execution_count?: number | null;
}

/** Cell metadata that marks an exercise: attnlab's own key and nbgrader's (schema 3). */
export interface CellMetadata {
  attnlab?: { exercise?: string };
  nbgrader?: { grade?: boolean; solution?: boolean; locked?: boolean; grade_id?: string; schema_version?: number };
  [key: string]: unknown;
}

export interface Cell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  metadata?: CellMetadata;
  outputs?: Output[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/** A lesson's metadata.attnlab: what the site and the registry show. */
export interface LessonMeta {
  lesson: string;
  title: string;
  objectives: string[];
  minutes: number;
}

export interface Notebook {
  nbformat?: number;
  nbformat_minor?: number;
  metadata?: { kernelspec?: { name: string; display_name?: string; language?: string }; attnlab?: LessonMeta; [key: string]: unknown };
  cells: Cell[];
}

/** nbformat allows a multiline string to be stored as a list of lines. */
export function sourceText(source: string | string[] | undefined): string {
  return Array.isArray(source) ? source.join('') : (source ?? '');
}

export function cellSource(cell: Cell): string {
  return sourceText(cell.source);
}

/** How a cell is named in messages: its id, or its position when it has none. */
export function cellName(cell: Cell, index: number): string {
  return `cell ${cell.id ?? `#${index + 1}`}`;
}

/** A lesson notebook is named `NN-slug.ipynb` (two digits, a dash, lower-case words). */
const LESSON_FILE = /^(\d\d)-[a-z0-9-]+\.ipynb$/;

export function isLessonFile(file: string): boolean {
  return LESSON_FILE.test(path.basename(file));
}

/** "01" from "01-scaled-dot-product.ipynb"; undefined for a file that is not a lesson. */
export function lessonOfFile(file: string): string | undefined {
  return LESSON_FILE.exec(path.basename(file))?.[1];
}

/** Jupyter's File > Make a Copy names `NN-slug-Copy1.ipynb`, `-Copy2`, …: the lesson file it copies, else undefined. */
export function copiedLessonFile(file: string): string | undefined {
  const copy = /^(.+)-Copy\d+\.ipynb$/.exec(path.basename(file));
  const original = copy ? `${copy[1]}.ipynb` : undefined;
  return original && isLessonFile(original) ? original : undefined;
}

/** The name a lesson goes by on the site and in the registry: the file name without `.ipynb`. */
export function lessonSlug(file: string): string {
  return path.basename(file).replace(/\.ipynb$/, '');
}
