// The site's Handlebars templates: Dossier's own, each replaceable by a file of the same name in the
// repository's template folder (`site.templates` in dossier.yaml).

import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ConfigError } from '../ground/errors.js';
import { isWithin } from '../ground/contained-path.js';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { compileTemplate } from './precompiled-templates.js';

export interface SiteTemplates {
  render(name: 'layout' | 'home' | 'entity' | 'list' | 'index-list' | 'problems' | 'changes', context: object): string;
}

function templateFile(name: string, overrideDir: string | undefined, subdir = ''): string {
  const override = overrideDir === undefined ? undefined : path.join(overrideDir, subdir, `${name}.hbs`);
  if (override === undefined || !existsSync(override)) return path.join(TEMPLATES_DIR, 'site', subdir, `${name}.hbs`);
  // A template is rendered into every page: one that links out of the folder would publish that file.
  const real = realpathSync(override);
  if (!isWithin(realpathSync(overrideDir as string), real))
    throw new ConfigError(
      'site-template',
      `The site template ${override} links to ${real}, outside ${overrideDir}; templates are read only from inside their folder.`,
    );
  return override;
}

/** A template, compiled: the repository's own when it has one of that name, Dossier's otherwise. */
function loadTemplate(
  handlebars: typeof Handlebars,
  name: string,
  overrideDir: string | undefined,
  subdir = '',
): Handlebars.TemplateDelegate {
  const text = readFileSync(templateFile(name, overrideDir, subdir), 'utf8');
  return compileTemplate(handlebars, subdir === '' ? `${name}.hbs` : `${subdir}/${name}.hbs`, text);
}

export function loadSiteTemplates(overrideDir?: string): SiteTemplates {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(TEMPLATES_DIR, 'site', 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    const name = file.slice(0, -'.hbs'.length);
    handlebars.registerPartial(name, loadTemplate(handlebars, name, overrideDir, 'partials'));
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, context) {
      let template = compiled.get(name);
      if (template === undefined) {
        template = loadTemplate(handlebars, name, overrideDir);
        compiled.set(name, template);
      }
      try {
        return template(context);
      } catch (error) {
        // Handlebars compiles on first use: a template (or partial) that does not parse fails here.
        // Handlebars says where on one line and what it expected on the last.
        const lines = (error instanceof Error ? error.message : String(error)).split('\n');
        const reason = lines.length > 1 ? `${lines[0] ?? ''} ${lines.at(-1) ?? ''}` : (lines[0] ?? '');
        throw new ConfigError(
          'site-template',
          `The site template ${templateFile(name, overrideDir)} (or a partial it uses) cannot be rendered: ${reason}. Fix it, or remove it to use Dossier's own.`,
        );
      }
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
  const digest = createHash('sha256').update(version);
  for (const file of [...filesUnder(path.join(TEMPLATES_DIR, 'site')), ...(overrideDir === undefined ? [] : filesUnder(overrideDir))])
    digest.update('\0').update(file).update('\0').update(readFileSync(file));
  return digest.digest('hex');
}
