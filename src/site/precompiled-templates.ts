// Dossier's own site templates, precompiled by the build (scripts/build.mjs) as Handlebars
// recommends, so that a build does not compile them again each time it starts (nor each thread
// that renders pages). A template is taken precompiled only while its text is the one it was
// compiled from; a repository's own templates, and Dossier's run from sources, are compiled here.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars from 'handlebars';
import { contentHash } from '../ground/content-hash.js';
import { PRECOMPILED_TEMPLATES, TEMPLATES_DIR } from '../ground/package-root.js';

const require = createRequire(import.meta.url);

/** How every site template and partial is compiled. */
export const TEMPLATE_OPTIONS: CompileOptions = { strict: false, preventIndent: true };

/** A template's precompiled form, by its path under the site's templates (`layout.hbs`, `partials/pages.hbs`). */
type Precompiled = Record<string, { hash: string; spec: TemplateSpecification }>;

let precompiled: Precompiled | undefined;

function loadPrecompiled(): Precompiled {
  precompiled ??= existsSync(PRECOMPILED_TEMPLATES) ? (require(PRECOMPILED_TEMPLATES) as Precompiled) : {};
  return precompiled;
}

/** The template `text`, found at `key` under the site's templates: precompiled when it is Dossier's own, as the build compiled it. */
export function compileTemplate(handlebars: typeof Handlebars, key: string, text: string): HandlebarsTemplateDelegate {
  const known = loadPrecompiled()[key];
  if (known?.hash === contentHash(text)) return handlebars.template(known.spec);
  return handlebars.compile(text, TEMPLATE_OPTIONS);
}

/** The module the build writes to PRECOMPILED_TEMPLATES: every template of Dossier's site, precompiled. */
export function precompiledTemplatesSource(): string {
  const dir = path.join(TEMPLATES_DIR, 'site');
  const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const key = file.split(path.sep).join('/');
      return `${JSON.stringify(key)}: { hash: ${JSON.stringify(contentHash(text))}, spec: ${Handlebars.precompile(text, TEMPLATE_OPTIONS) as string} }`;
    });
  return `// Written by scripts/build.mjs from templates/site: Dossier's site templates, precompiled.\nmodule.exports = {\n${entries.join(',\n')}\n};\n`;
}
