import { describe, expect, it } from 'vitest';
import { pathTwinDiagnostics } from '../../src/source/path-twins.js';
import { briefs } from '../helpers.js';

const TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: NAME}\nspec: {}\n';

describe('file/case-conflict', () => {
  it('reports files that differ only in letter case, on the second in path order', () => {
    expect(briefs({ 'teams.yaml': TEAM.replace('NAME', 'a'), 'Teams.yaml': TEAM.replace('NAME', 'b') })).toEqual([
      'file/case-conflict 1:1',
    ]);
    expect(pathTwinDiagnostics(['teams.yaml', 'Teams.yaml']).map((d) => [d.file, d.data.other])).toEqual([['teams.yaml', 'Teams.yaml']]);
  });

  it('reports files that differ only in Unicode normalisation', () => {
    const composed = 'caf\u00e9.yaml';
    const decomposed = 'cafe\u0301.yaml';
    expect(pathTwinDiagnostics([composed, decomposed]).map((d) => d.file)).toEqual([composed]);
  });

  it('leaves different paths alone', () => {
    expect(pathTwinDiagnostics(['a/teams.yaml', 'b/teams.yaml', 'teams.yml'])).toEqual([]);
  });
});
