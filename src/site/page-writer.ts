// Writes the site's pages into its output: each rendered into the layout, in this thread or the render
// pool's, and keyed in the manifest by the hash of what it is rendered from. Lists the files written
// while a group or an entity's pages are made, so that the next build can take them over.

import { contentHash } from '../ground/content-hash.js';
import type { SiteInputs } from './page-inputs.js';
import { writePage, type PageJob, type TemplateName } from './page-job.js';
import { RenderPool } from './render-pool.js';
import type { SiteOutput } from './site-output.js';
import { loadSiteTemplates, type SiteTemplates } from './site-templates.js';
import { rootPrefix } from './urls.js';

/** Files written, each with the hash the manifest keys it by. */
export type WrittenFiles = [path: string, hash: string][];

export class PageWriter {
  readonly #output: SiteOutput;
  readonly #site: SiteInputs;
  readonly #templatesDir: string | undefined;
  readonly #templates: SiteTemplates;
  /** How many pages the pool may expect, when it starts. */
  readonly #expected: number;
  readonly #poolAfter = RenderPool.pagesBefore();
  #renderedHere = 0;
  #pool: RenderPool | undefined;
  #written: WrittenFiles | undefined;

  constructor(output: SiteOutput, site: SiteInputs, templatesDir: string | undefined, expected: number) {
    this.#output = output;
    this.#site = site;
    this.#templatesDir = templatesDir;
    this.#templates = loadSiteTemplates(templatesDir);
    this.#expected = expected;
  }

  /** Renders a template's view into the layout at `pagePath`. */
  page(pagePath: string, title: string, template: TemplateName, view: object): void {
    this.#inLayout(pagePath, title, { template, view: JSON.stringify(view) });
  }

  /** Puts a body made elsewhere (an audit report) into the layout at `pagePath`. */
  html(pagePath: string, title: string, html: string): void {
    this.#inLayout(pagePath, title, { html });
  }

  /** Writes a file that is not rendered (search shards, the Atom feed), keyed by its content; returns that key. */
  place(filePath: string, content: string): string {
    const hash = this.#output.place(filePath, content);
    this.#written?.push([filePath, hash]);
    return hash;
  }

  /** Runs `write`, listing in `files` what it writes; a listing inside another lists its files in both. */
  listing(files: WrittenFiles, write: () => void): void {
    const outer = this.#written;
    this.#written = files;
    try {
      write();
    } finally {
      this.#written = outer;
    }
    for (const file of files) outer?.push(file);
  }

  /**
   * Takes these files over from the previous build; false when one of them cannot be (then they are
   * all made). Files taken over count as written for the listing they are taken in (a group's files).
   */
  takeOver(files: readonly (readonly [string, string])[]): boolean {
    if (!files.every(([file, hash]) => this.#output.takeOver(file, hash))) return false;
    for (const [file, hash] of files) this.#written?.push([file, hash]);
    return true;
  }

  /** Waits until every page handed to the render pool is written. */
  async close(): Promise<void> {
    await this.#pool?.close();
  }

  /** Stops the render pool; the error that failed the build, or the page's that did. */
  async discard(error: unknown): Promise<unknown> {
    return this.#pool === undefined ? error : await this.#pool.discard(error);
  }

  #inLayout(pagePath: string, title: string, body: PageJob['body']): void {
    const { baseUrl, layout, templates } = this.#site;
    const canonical = baseUrl ? `${baseUrl.replace(/\/?$/, '/')}${pagePath}` : '';
    const pageSite = JSON.stringify({ ...layout, canonical });
    const inputs = 'html' in body ? contentHash(body.html) : contentHash(body.template, body.view);
    const hash = contentHash(templates, title, inputs, pageSite);
    this.#written?.push([pagePath, hash]);
    const file = this.#output.claim(pagePath, hash);
    if (file === undefined) return;
    const job: PageJob = { file, title, root: rootPrefix(pagePath), site: pageSite, body };
    if (this.#pool === undefined && this.#renderedHere++ === this.#poolAfter)
      this.#pool = RenderPool.start(this.#expected, this.#templatesDir);
    if (this.#pool === undefined) writePage(this.#templates, job);
    else this.#pool.render(job);
  }
}
