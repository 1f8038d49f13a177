// The metadata files of the revision a walk over history is at, moved from commit to commit by what
// each commit changed: listing a tree of ten thousand files once, not once per commit.

import type { ProjectLayout } from '../source/project-files.js';
import type { TreeChange } from './first-parent.js';
import { gitBytes, revisionSelection, type RevisionSelection } from './read-revision.js';
import { parseRawChanges } from './first-parent.js';

/** Files that differ from the previous revision, by display path: the new blob id, or undefined when removed. */
export type FileChanges = Map<string, string | undefined>;

export class RevisionFiles {
  readonly #top: string;
  #layout: ProjectLayout;
  readonly #cwd: string;
  #sha: string | undefined;
  #selection: RevisionSelection | undefined;
  /** Blob id by display path. */
  #files = new Map<string, string>();

  constructor(top: string, layout: ProjectLayout, cwd: string) {
    this.#top = top;
    this.#layout = layout;
    this.#cwd = cwd;
  }

  get sha(): string | undefined {
    return this.#sha;
  }

  /** Selects files as another layout does (a commit changed dossier.yaml): the next move lists them again. */
  reselect(layout: ProjectLayout): void {
    this.#layout = layout;
    this.#selection = undefined;
  }

  /**
   * Moves to `sha` and says which files changed. `changes`, when given, are what the commit changed
   * against the revision this is at (its first parent), as `git log --raw` listed them under the
   * metadata root; otherwise git compares the two trees.
   */
  async moveTo(sha: string, changes?: readonly TreeChange[]): Promise<FileChanges> {
    const from = this.#sha;
    const selection = this.#selection;
    if (from === undefined || selection === undefined) return this.#relist(sha);
    if (from === sha) return new Map();
    const changed = changes ?? (await this.#treeChanges(from, sha));
    // Another .gitignore selects other files: listed again.
    if (changed.some((change) => selection.isGitignore(change.path))) return this.#relist(sha);
    const moved: FileChanges = new Map();
    for (const change of changed) {
      const file = selection.display(change.path);
      const blob = change.blob !== undefined && selection.selects(change) ? change.blob : undefined;
      if (blob === this.#files.get(file)) continue;
      if (blob === undefined) this.#files.delete(file);
      else this.#files.set(file, blob);
      moved.set(file, blob);
    }
    this.#sha = sha;
    return moved;
  }

  async #relist(sha: string): Promise<FileChanges> {
    const selection = await revisionSelection(this.#top, sha, this.#layout, this.#cwd);
    const files = new Map<string, string>();
    for (const entry of selection.entries) if (selection.selects(entry)) files.set(selection.display(entry.path), entry.sha);
    const moved: FileChanges = new Map();
    for (const [file, blob] of files) if (this.#files.get(file) !== blob) moved.set(file, blob);
    for (const file of this.#files.keys()) if (!files.has(file)) moved.set(file, undefined);
    this.#files = files;
    this.#selection = selection;
    this.#sha = sha;
    return moved;
  }

  async #treeChanges(from: string, to: string): Promise<TreeChange[]> {
    const output = await gitBytes(this.#top, ['diff-tree', '-r', '-z', '--no-renames', '--no-abbrev', from, to]);
    return parseRawChanges(output, 0, output.length);
  }
}
