// The parts of the nbformat 4 schema that attnlab reads and writes.

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

export interface Cell {
  id: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  metadata: Record<string, any>;
  outputs?: Output[];
  execution_count?: number | null;
}

export interface LessonMeta {
  lesson: string;
  title: string;
  objectives: string[];
  minutes: number;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec?: { name: string; display_name?: string; language?: string }; attnlab?: LessonMeta; [key: string]: unknown };
  cells: Cell[];
}

/** nbformat allows a multiline string to be stored as a list of lines. */
export function sourceText(source: string | string[] | undefined): string {
  return Array.isArray(source) ? source.join('') : source ?? '';
}
