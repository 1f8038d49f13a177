// The metadata files of a repository on disk, read as text: discovery plus reading, with the
// problems of files that cannot be parsed (unreadable, binary, too large ...) as diagnostics.

import { realpathSync } from 'node:fs';
import type { Diagnostic } from '../ground/diagnostics.js';
import { discoverFiles } from './discover.js';
import type { FileSelection } from './file-selection.js';
import { SourceReader, type FileToRead } from './read-source.js';

/** Where a repository's metadata lives and which of its files are read. */
export interface ProjectLayout extends FileSelection {
  /** Absolute folder the repository is read from; dossier.yaml's folder when there is one. */
  rootDir: string;
  /** Absolute path of the configuration file, if one was read: it is never an entity. */
  configFile: string | undefined;
  maxFileSize: number;
}

export interface SourceText {
  /** Display path of the file. */
  file: string;
  text: string;
  /** Git's blob id, for files read from a revision: the same id is the same content. */
  blob?: string;
}

export interface LoadedSources {
  sources: SourceText[];
  /** Problems found before parsing. */
  fileDiagnostics: Diagnostic[];
}

export function readProjectFiles(layout: ProjectLayout, cwd: string): LoadedSources {
  return readDiscoveredFiles(layout, discoverFiles({ ...layout, cwd }));
}

/** Reads files `discoverFiles` found: their texts, or a diagnostic for each that cannot be read. */
export function readDiscoveredFiles(layout: ProjectLayout, files: readonly FileToRead[]): LoadedSources {
  const reader = new SourceReader(realpathSync(layout.rootDir), layout.maxFileSize);
  const sources: SourceText[] = [];
  const fileDiagnostics: Diagnostic[] = [];
  for (const file of files) {
    const outcome = reader.read(file);
    if (outcome.ok) sources.push({ file: file.displayPath, text: outcome.text });
    else if (outcome.diagnostic) fileDiagnostics.push(outcome.diagnostic);
  }
  return { sources, fileDiagnostics };
}

/** Reads one file `discoverFiles` found at a time: its text, or undefined when it cannot be read as text. */
export function sourceReader(layout: ProjectLayout): (file: FileToRead) => SourceText | undefined {
  const reader = new SourceReader(realpathSync(layout.rootDir), layout.maxFileSize);
  return (file) => {
    const outcome = reader.read(file);
    return outcome.ok ? { file: file.displayPath, text: outcome.text } : undefined;
  };
}
