// The licence notices of the packages esbuild bundled, read from its metafile: a bundle ships the
// code of its dependencies, so it ships their notices too (MIT, ISC, BSD and Apache all ask for it).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Names a package's notice goes by, in the order they are looked for. */
const NOTICE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/**
 * The folders of the packages whose files are among a metafile's inputs, e.g.
 * `node_modules/@actions/core` for `node_modules/@actions/core/lib/core.js` (nested copies kept apart).
 * @param {{ inputs: Record<string, unknown> }[]} metafiles esbuild's `metafile` of each build
 * @returns {string[]} sorted, each once
 */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const { inputs } of metafiles)
    for (const input of Object.keys(inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
      if (match) dirs.add(match[1]);
    }
  return [...dirs].sort();
}

/**
 * One text with, for every bundled package, its name, version, declared licence and the text of its
 * licence files; a package without one says so. Byte-identical for the same packages.
 * @param {string[]} packageDirs from {@link bundledPackageDirs}
 * @param {string} bundleName what the notices are for, in the text's first line
 */
export function licenseNotices(packageDirs, bundleName) {
  const seen = new Map();
  for (const dir of packageDirs) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const id = `${pkg.name}@${pkg.version}`;
    if (seen.has(id)) continue;
    const files = readdirSync(dir)
      .filter((file) => NOTICE_FILE.test(file))
      .sort();
    const texts = files.map((file) => readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/g, '\n').trimEnd());
    const license = typeof pkg.license === 'string' ? pkg.license : 'not declared';
    seen.set(
      id,
      [`${id} (${license})`, ...(texts.length > 0 ? texts : [`No licence file in the package; its package.json says: ${license}.`])].join(
        '\n\n',
      ),
    );
  }
  const entries = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, text]) => text);
  const rule = `\n\n${'-'.repeat(78)}\n\n`;
  return `${bundleName} bundles the following ${entries.length} packages. Their licence notices follow.${rule}${entries.join(rule)}\n`;
}
