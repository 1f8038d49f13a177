// An audit report's page, its entity ids linked: the report names versions, datasets, evaluations,
// teams and deployments by identity in code spans, and the site links each one that has a page now.
// Done when the site is built, not when the report is made: the report is cached by commit, and an
// entity it names may since have gone from the working tree.

const IDENTITY_CODE = /<code>([a-z]+:[^\s<>/]+\/[^\s<>]+)<\/code>/g;

/** `html` with every `<code>identity</code>` that `pathOf` finds a page for made a link to it, from a page `root` away from the site's root. */
export function linkIdentityCodes(html: string, root: string, pathOf: (identity: string) => string | undefined): string {
  return html.replace(IDENTITY_CODE, (code: string, identity: string) => {
    const path = pathOf(identity);
    return path === undefined ? code : `<a href="${root}${path}">${code}</a>`;
  });
}
