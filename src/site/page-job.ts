// One page to render: its template and view as JSON (the same JSON that keys the page in the
// manifest), so that it renders the same in this thread or in a worker.

import { writeFileSync } from 'node:fs';
import type { SiteTemplates } from './site-templates.js';

export type TemplateName = Parameters<SiteTemplates['render']>[0];

export interface PageJob {
  /** Where the page is written: a path in the staging folder. */
  file: string;
  title: string;
  /** The way from the page up to the site's root (`../../`). */
  root: string;
  /** The site-wide part of every page's view, as JSON. */
  site: string;
  /** A template and its view as JSON; or, for a page rendered elsewhere (an audit report), its body. */
  body: { template: TemplateName; view: string } | { html: string };
}

export function renderPage(templates: SiteTemplates, job: PageJob): string {
  const site = JSON.parse(job.site) as object;
  const body =
    'html' in job.body
      ? job.body.html
      : templates.render(job.body.template, { ...(JSON.parse(job.body.view) as object), root: job.root, site });
  return templates.render('layout', { title: job.title, root: job.root, body, site });
}

/** Writes a page where SiteOutput.claim said, which made its folder. */
export function writePage(templates: SiteTemplates, job: PageJob): void {
  writeFileSync(job.file, renderPage(templates, job));
}
