// Files read from a git revision follow FORMAT.md as the working tree's do: a file too large, binary
// or not UTF-8 is reported only when it names a Dossier apiVersion; other tools' files are ignored.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load-config.js';
import { readFilesAt } from '../../src/use-cases/compile-at.js';
import { gitRepo } from '../diff/git-repo.js';

describe('the files of a revision', () => {
  it("reports Dossier files it cannot parse, and ignores other tools' files", async () => {
    const dossier = 'apiVersion: dossier/v1\n';
    const repo = gitRepo({
      'dossier.yaml': 'maxFileSize: 60000\n',
      'teams.yaml': `${dossier}kind: Team\nmetadata: {name: ml}\n`,
      'large-dossier.yaml': `${dossier}# ${'x'.repeat(70000)}\n`,
      'large-openapi.yaml': `openapi: 3.1.0\n# ${'x'.repeat(70000)}\n`,
      'binary-dossier.yaml': `${dossier}\u0000\u0001`,
      'binary-other.yaml': '\u0000\u0001',
    });
    const config = loadConfigFile(path.join(repo.dir, 'dossier.yaml'), 'dossier.yaml');
    const { files } = await readFilesAt(config, repo.dir, 'HEAD');
    // Another tool's binary file is read as no text; the large one is not read at all.
    expect(files.sources.map((source) => [source.file, source.text.length > 0])).toEqual([
      ['binary-other.yaml', false],
      ['teams.yaml', true],
    ]);
    expect(files.fileDiagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.ruleId}`).sort()).toEqual([
      'binary-dossier.yaml file/binary',
      'large-dossier.yaml file/too-large',
    ]);
  });
});
