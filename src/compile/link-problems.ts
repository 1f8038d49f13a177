// Where a link gathers its problems: in named groups (a file's own, an entity's, the cycles), listed
// after suppressions and rule settings. A one-shot link keeps one list; an incremental one keeps them
// by file, and lists again only the files one of whose groups changed.

import { applySuppressions } from '../rules/apply-suppressions.js';
import { applyRuleSettings, type Ruleset } from '../rules/ruleset.js';
import { appendTo } from '../ground/collections.js';
import { compareDiagnostics, compareStrings, type Diagnostic } from '../ground/diagnostics.js';

/** What listing problems needs of a file: its text, and whether it has suppression comments. */
export interface SuppressibleFile {
  /** Undefined for a file that could not be read as text. */
  text: string | undefined;
  /** Whether its text has suppression comments; when false, the text is not read to apply them. */
  suppressions?: boolean;
}

/** The file's text to find suppressions in: none when it is known to have none (then it is not read). */
const suppressibleText = (linked: SuppressibleFile | undefined): string | undefined =>
  linked?.suppressions === false ? undefined : linked?.text;

/** Where a link gathers diagnostics in named groups (a file's own, an entity's, the cycles), and how they become the result's list. */
export interface Problems {
  /** Replaces a group. */
  set(group: string, diagnostics: readonly Diagnostic[]): void;
  /** A file whose text changed: its suppressions are read again. */
  touch(file: string): void;
  /** Every problem after suppressions and rule settings, sorted. */
  list(files: ReadonlyMap<string, SuppressibleFile>, ruleset: Ruleset): Diagnostic[];
}

/** A one-shot link's problems: one list, suppressed, set and sorted once. */
export class ProblemList implements Problems {
  readonly #all: Diagnostic[] = [];

  set(_group: string, diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of diagnostics) this.#all.push(diagnostic);
  }

  touch(): void {
    // Read once, at the end.
  }

  list(files: ReadonlyMap<string, SuppressibleFile>, ruleset: Ruleset): Diagnostic[] {
    const sources = [...files].flatMap(([file, linked]) => {
      const text = suppressibleText(linked);
      return text === undefined ? [] : [{ file, text }];
    });
    return applyRuleSettings(applySuppressions(this.#all, sources), ruleset).sort(compareDiagnostics);
  }
}

/** An incremental link's problems: each file's groups, the files each group reaches, each file's final list. */
export interface ProblemGroups {
  byFile: Map<string, Map<string, readonly Diagnostic[]>>;
  filesOf: Map<string, readonly string[]>;
  /** After suppressions and rule settings, sorted: what the result lists, file by file. */
  final: Map<string, Diagnostic[]>;
}

/** An incremental link's problems: by file, each file's list redone when one of its groups changed. */
export class ProblemsByFile implements Problems {
  readonly groups: ProblemGroups;
  readonly #byFile: Map<string, Map<string, readonly Diagnostic[]>>;
  readonly #filesOf: Map<string, readonly string[]>;
  readonly #final: Map<string, Diagnostic[]>;
  readonly #dirty = new Set<string>();

  constructor(groups: ProblemGroups = { byFile: new Map(), filesOf: new Map(), final: new Map() }) {
    this.groups = groups;
    this.#byFile = groups.byFile;
    this.#filesOf = groups.filesOf;
    this.#final = groups.final;
  }

  set(group: string, diagnostics: readonly Diagnostic[]): void {
    for (const file of this.#filesOf.get(group) ?? []) {
      const groups = this.#byFile.get(file);
      if (groups?.delete(group) === true) this.#byFile.set(file, groups);
      this.#dirty.add(file);
    }
    if (diagnostics.length === 0) {
      this.#filesOf.delete(group);
      return;
    }
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) appendTo(byFile, diagnostic.file, diagnostic);
    for (const [file, list] of byFile) {
      const groups = this.#byFile.get(file) ?? new Map<string, readonly Diagnostic[]>();
      this.#byFile.set(file, groups.set(group, list));
      this.#dirty.add(file);
    }
    this.#filesOf.set(group, [...byFile.keys()]);
  }

  touch(file: string): void {
    this.#dirty.add(file);
  }

  list(files: ReadonlyMap<string, SuppressibleFile>, ruleset: Ruleset): Diagnostic[] {
    for (const file of this.#dirty) {
      const text = suppressibleText(files.get(file));
      const inFile = [...(this.#byFile.get(file)?.values() ?? [])].flat();
      const diagnostics = applyRuleSettings(applySuppressions(inFile, text === undefined ? [] : [{ file, text }]), ruleset).sort(
        compareDiagnostics,
      );
      if (diagnostics.length === 0) this.#final.delete(file);
      else this.#final.set(file, diagnostics);
    }
    this.#dirty.clear();
    return [...this.#final.keys()].sort(compareStrings).flatMap((file) => this.#final.get(file) ?? []);
  }
}
