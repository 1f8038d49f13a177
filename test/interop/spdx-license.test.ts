// Licenses as SPDX ids (src/interop/spdx-license.ts): ids in any case, words, license page URLs;
// the rest kept as LicenseRef-… with a warning, and used so by the Croissant and Hugging Face imports.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardLicense, readCard } from '../../src/interop/card-markdown.js';
import { importCroissant } from '../../src/interop/croissant.js';
import { spdxLicense } from '../../src/interop/spdx-license.js';
import { spdxLicenseId } from '../../src/model/license-id.js';
import { FIXTURES } from './import-helpers.js';

describe('spdxLicenseId', () => {
  it.each([
    ['apache-2.0', 'Apache-2.0'],
    ['cdla-sharing-1.0', 'CDLA-Sharing-1.0'],
    ['etalab-2.0', 'etalab-2.0'],
    ['Apache 2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['Creative Commons Attribution Non Commercial Share Alike 4.0', 'CC-BY-NC-SA-4.0'],
    ['Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International', 'CC-BY-NC-SA-4.0'],
    ['CC BY-NC 4.0', 'CC-BY-NC-4.0'],
    ['https://creativecommons.org/licenses/by-nc-sa/4.0/', 'CC-BY-NC-SA-4.0'],
    ['https://creativecommons.org/licenses/by-nc-nd/3.0/legalcode', 'CC-BY-NC-ND-3.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0'],
    ['https://spdx.org/licenses/MIT.html', 'MIT'],
    ['https://opensource.org/licenses/MIT', 'MIT'],
    // Hugging Face's GNU ids say a version, not "or later": each reads as -only, 2.x and 3.0 alike.
    ['gpl-3.0', 'GPL-3.0-only'],
    ['gpl-2.0', 'GPL-2.0-only'],
    ['agpl-3.0', 'AGPL-3.0-only'],
    ['lgpl-3.0', 'LGPL-3.0-only'],
    ['lgpl-2.1', 'LGPL-2.1-only'],
    ['GPL-3.0-or-later', 'GPL-3.0-or-later'],
  ])('reads `%s` as %s', (license, id) => {
    expect(spdxLicenseId(license)).toBe(id);
  });

  it.each([
    'Public',
    'proprietary',
    'other',
    'openrail',
    '',
    'https://creativecommons.org/publicdomain/mark/1.0/',
    'https://',
    // spdx-correct would give a version the text does not (GPL-3.0-or-later, BSD-2-Clause, an LGPL): no guessing.
    'GPL',
    'bsd',
    'lgpl-lr',
  ])('names no id in `%s`', (license) => {
    expect(spdxLicenseId(license)).toBeUndefined();
  });
});

describe('spdxLicense', () => {
  it('warns when the id is a reading of the text, not when only its case is fixed or a CC URL names it', () => {
    const warnings: string[] = [];
    expect(spdxLicense('Apache 2.0', 'card', warnings)).toBe('Apache-2.0');
    expect(spdxLicense('mit', 'card', warnings)).toBe('MIT');
    expect(spdxLicense('https://creativecommons.org/licenses/by/4.0/', 'card', warnings)).toBe('CC-BY-4.0');
    expect(spdxLicense('Public', 'card', warnings)).toBe('LicenseRef-Public');
    expect(warnings).toEqual([
      'card: license `Apache 2.0` read as the SPDX id Apache-2.0.',
      'card: license `Public` is not an SPDX id; kept as LicenseRef-Public.',
    ]);
  });
});

describe('imports', () => {
  it('Croissant: a license in words is its SPDX id, so the non-commercial rule sees it', () => {
    const titanic = JSON.parse(readFileSync(path.join(FIXTURES, 'croissant/titanic.json'), 'utf8')) as Record<string, unknown>;
    const license = 'Creative Commons Attribution Non Commercial Share Alike 4.0';
    const mapping = importCroissant(JSON.stringify({ ...titanic, license }), { file: 'titanic.json' });
    expect((mapping.documents[0]?.spec as { license: string }).license).toBe('CC-BY-NC-SA-4.0');
    expect(mapping.warnings).toContain(`titanic.json: license: license \`${license}\` read as the SPDX id CC-BY-NC-SA-4.0.`);
  });

  it("Croissant: the simple-split example's Creative Commons URL is CC-BY-4.0, without a warning", () => {
    const mapping = importCroissant(readFileSync(path.join(FIXTURES, 'croissant/simple-split.json'), 'utf8'), {
      file: 'simple-split.json',
    });
    expect((mapping.documents[0]?.spec as { license: string }).license).toBe('CC-BY-4.0');
    expect(mapping.warnings.filter((warning) => warning.includes('license'))).toEqual([]);
  });

  it('Hugging Face card: words, a URL, and `other` whose license_name or license_link names an id', () => {
    const license = (front: string) => cardLicense(readCard(`---\n${front}\n---\n# Card\n`, 'README.md'), 'README.md', [], []);
    expect(license('license: Apache 2.0')).toBe('Apache-2.0');
    expect(license('license: https://creativecommons.org/licenses/by-nc/4.0/')).toBe('CC-BY-NC-4.0');
    expect(license('license: other\nlicense_name: CC BY-NC-SA 4.0')).toBe('CC-BY-NC-SA-4.0');
    expect(license('license: other\nlicense_name: acme\nlicense_link: https://creativecommons.org/licenses/by-nd/4.0/')).toBe(
      'CC-BY-ND-4.0',
    );
    expect(license('license: other\nlicense_name: acme\nlicense_link: https://acme.example/license')).toEqual({
      name: 'acme',
      url: 'https://acme.example/license',
    });
  });
});
