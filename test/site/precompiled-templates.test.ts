// Dossier's site templates are precompiled by the build; a template is taken precompiled only while
// its text is the one it was compiled from.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { PRECOMPILED_TEMPLATES, TEMPLATES_DIR } from '../../src/ground/package-root.js';
import { compileTemplate, precompiledTemplatesSource, TEMPLATE_OPTIONS } from '../../src/site/precompiled-templates.js';
import { tempRepo } from '../helpers.js';

const require = createRequire(import.meta.url);
type Precompiled = Record<string, { hash: string; spec: TemplateSpecification }>;

/** The module precompiledTemplatesSource writes, loaded as the build's file is. */
function loadSource(): Precompiled {
  const file = path.join(tempRepo(), 'precompiled-templates.cjs');
  writeFileSync(file, precompiledTemplatesSource());
  return require(file) as Precompiled;
}

describe('precompiled site templates', () => {
  it('hold every template and partial, each rendering as it does compiled', () => {
    const precompiled = loadSource();
    expect(Object.keys(precompiled)).toContain('layout.hbs');
    expect(Object.keys(precompiled)).toContain('partials/entity-table.hbs');
    const context = { heading: 'Models <&>', rows: [{ path: 'a.html', label: 'a', title: 'A', details: [] }], pages: {} };
    const textOf = (key: string) => readFileSync(path.join(TEMPLATES_DIR, 'site', key), 'utf8');
    const compiled = Handlebars.create();
    const fromSpec = Handlebars.create();
    for (const [key, { spec }] of Object.entries(precompiled)) {
      if (!key.startsWith('partials/')) continue;
      const name = key.slice('partials/'.length, -'.hbs'.length);
      compiled.registerPartial(name, compiled.compile(textOf(key), TEMPLATE_OPTIONS));
      fromSpec.registerPartial(name, fromSpec.template(spec));
    }
    let rendered = 0;
    for (const [key, { spec }] of Object.entries(precompiled)) {
      const text = textOf(key);
      const render = (template: HandlebarsTemplateDelegate) => {
        try {
          return template(context);
        } catch (error) {
          return `throws: ${String(error)}`;
        }
      };
      const expected = render(compiled.compile(text, TEMPLATE_OPTIONS));
      if (!expected.startsWith('throws')) rendered++;
      expect(render(fromSpec.template(spec)), key).toBe(expected);
    }
    expect(rendered).toBeGreaterThan(Object.keys(precompiled).length / 2);
  });

  it('are taken only while the text is the one compiled: an edited template is compiled anew', () => {
    const key = 'partials/pages.hbs';
    const text = readFileSync(path.join(TEMPLATES_DIR, 'site', key), 'utf8');
    const handlebars = Handlebars.create();
    expect(compileTemplate(handlebars, key, `edited ${text}`)({}).startsWith('edited ')).toBe(true);
    expect(compileTemplate(handlebars, key, text)({})).toBe(handlebars.compile(text, TEMPLATE_OPTIONS)({}));
  });

  it('are the templates of this checkout, when the build wrote them', () => {
    if (!existsSync(PRECOMPILED_TEMPLATES)) return;
    const built = require(PRECOMPILED_TEMPLATES) as Precompiled;
    for (const [key, { hash }] of Object.entries(loadSource())) expect(built[key]?.hash, key).toBe(hash);
  });
});
