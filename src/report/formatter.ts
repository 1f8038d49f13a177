// What every formatter receives; formatters are pure functions of it.

import type { Diagnostic } from '../ground/diagnostics.js';
import type { RuleMeta } from '../ground/rule-meta.js';

export interface FormatContext {
  /** Whether ANSI colours may be used. */
  color: boolean;
  /** Every rule, for formats that describe them (SARIF). */
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** Number of files that were checked. */
  fileCount: number;
  /** Warnings and infos found but not shown (`--quiet`): the summary says so instead of "no problems". */
  hidden?: number;
  /** Owner identity of each entity, for per-owner counts (JSON). */
  owners?: ReadonlyMap<string, string | undefined>;
  /**
   * A file's path from the root of its git repository, where that is not where the paths start:
   * code scanning and annotations place files by it (SARIF, GitHub).
   */
  repositoryPath?: (file: string) => string;
}

export type Formatter = (diagnostics: readonly Diagnostic[], context: FormatContext) => string;
