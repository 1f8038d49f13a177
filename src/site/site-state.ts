// What the header and the footer of every page show that changes from build to build (the problem
// count, the commit), kept in one small stylesheet every page links to rather than in the pages: a
// build after a commit, or after an edit that adds or fixes a problem, renders again only the pages
// whose own inputs changed. CSS generated content shows without scripts, and from file:// too.

export interface SiteState {
  problems: number;
  /** The short sha of the commit built; empty outside git. */
  commit: string;
}

export const SITE_STATE_PATH = 'assets/site-state.css';

export function siteStateCss({ problems, commit }: SiteState): string {
  return [
    '/* Written by Dossier for this build: what the header and the footer of every page show. */',
    problems > 0 ? `.site-problems::after { content: "${String(problems)}"; }` : '.site-problems { display: none; }',
    /^[0-9a-f]{4,64}$/.test(commit) ? `.site-commit code::after { content: "${commit}"; }` : '.site-commit { display: none; }',
    '',
  ].join('\n');
}
