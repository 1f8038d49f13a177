// The site's Handlebars templates: Dossier's own, each replaceable by a file of the same name in the
// repository's template folder (`site.templates` in dossier.yaml).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../ground/package-root.js';

export interface SiteTemplates {
  render(name: 'layout' | 'home' | 'entity' | 'list' | 'index-list' | 'problems' | 'changes', context: object): string;
}

function readTemplate(name: string, overrideDir: string | undefined, subdir = ''): string {
  const override = overrideDir === undefined ? undefined : path.join(overrideDir, subdir, `${name}.hbs`);
  return readFileSync(
    override !== undefined && existsSync(override) ? override : path.join(TEMPLATES_DIR, 'site', subdir, `${name}.hbs`),
    'utf8',
  );
}

export function loadSiteTemplates(overrideDir?: string): SiteTemplates {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(TEMPLATES_DIR, 'site', 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    const name = file.slice(0, -'.hbs'.length);
    handlebars.registerPartial(name, readTemplate(name, overrideDir, 'partials'));
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, context) {
      let template = compiled.get(name);
      if (template === undefined) {
        template = handlebars.compile(readTemplate(name, overrideDir), { strict: false, preventIndent: true });
        compiled.set(name, template);
      }
      return template(context);
    },
  };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of everything pages are rendered with besides their views: Dossier's version, its templates and the repository's. */
export function templatesFingerprint(overrideDir: string | undefined, version: string): string {
  const digest = createHash('sha1').update(version);
  for (const file of [...filesUnder(path.join(TEMPLATES_DIR, 'site')), ...(overrideDir === undefined ? [] : filesUnder(overrideDir))])
    digest.update('\0').update(file).update('\0').update(readFileSync(file));
  return digest.digest('hex');
}
