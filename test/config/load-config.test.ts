import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/ground/errors.js';

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '/repo/dossier.yaml', 'dossier.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('globs in dossier.yaml', () => {
  const cases: [string, string, string][] = [
    ['sixteen brace groups in exclude', `exclude:\n  - drafts/**\n  - "${'{a,b}'.repeat(16)}"\n`, 'dossier.yaml:3:5'],
    ['a ten-million range in exclude', 'exclude: ["x/{1..10000000}"]\n', 'dossier.yaml:1:11'],
    ['a huge range in include', 'include:\n  - "{1..10000000}/*.yaml"\n', 'dossier.yaml:2:5'],
    ['a huge range in an override', 'overrides:\n  - files: ["{1..10000000}"]\n    rules: {}\n', 'dossier.yaml:2:13'],
  ];
  for (const [name, text, location] of cases) {
    it(`refuses ${name} at its line`, () => {
      const error = configError(text);
      expect(error.code).toBe('config-invalid');
      expect(error.location).toBe(location);
      expect(error.message).toContain('more than 1000 patterns');
    });
  }

  it('accepts ordinary brace globs', () => {
    const config = parseConfig('include: ["**/*.{yaml,yml}"]\nexclude: ["{drafts,scratch}/**"]\n', '/repo/dossier.yaml', 'dossier.yaml');
    expect(config.exclude).toEqual(['{drafts,scratch}/**']);
  });
});

describe('maxFileSize in dossier.yaml', () => {
  it('may raise the limit, but not without bound: dossier.yaml may come from a pull request', () => {
    expect(parseConfig('maxFileSize: 33554432\n', '/repo/dossier.yaml', 'dossier.yaml').maxFileSize).toBe(33554432);
    const error = configError('maxFileSize: 1000000000\n');
    expect(error.location).toBe('dossier.yaml:1:14');
    expect(error.message).toContain('≤ 67108864');
  });
});
