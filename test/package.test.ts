// The first hour on a fresh clone: `npm ci` installs without warnings, and `npm run demo` shows
// the product, site included. Checked from the files npm reads, without a network.

import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
  hasInstallScript?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };
const installed = Object.entries(lock.packages).filter(([where]) => where !== '');
/** Optional packages for other platforms are skipped by npm, warnings and all. */
function onThisMachine([, entry]: [string, LockedPackage]): boolean {
  if (entry.optional !== true) return true;
  const otherOs = entry.os !== undefined && !entry.os.includes(process.platform);
  const otherCpu = entry.cpu !== undefined && !entry.cpu.includes(process.arch);
  return !otherOs && !otherCpu;
}

describe('npm ci on a fresh machine', () => {
  it('installs nothing whose engines exclude this Node (npm would warn EBADENGINE)', () => {
    const refused = installed
      .filter(onThisMachine)
      .filter(
        ([, entry]) =>
          !Array.isArray(entry.engines) && entry.engines?.node !== undefined && !semver.satisfies(process.version, entry.engines.node),
      )
      .map(
        ([where, entry]) =>
          `${where}@${entry.version ?? '?'} wants node ${Array.isArray(entry.engines) ? '' : (entry.engines?.node ?? '')}`,
      );
    expect(refused).toEqual([]);
  });

  it('has every install script allowed in package.json (npm would warn about allowScripts)', () => {
    const withScripts = installed.filter(onThisMachine).filter(([, entry]) => entry.hasInstallScript === true);
    const name = (where: string) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    expect(withScripts.map(([where]) => name(where)).filter((n) => pkg.allowScripts?.[n] !== true)).toEqual([]);
  });
});

describe('npm run demo', () => {
  it('lints, compiles and builds the example site, and says how to open it', () => {
    expect(pkg.scripts.demo).toContain('lint examples/ml-platform');
    expect(pkg.scripts.demo).toContain('build examples/ml-platform --out examples/ml-platform/_site');
    expect(pkg.scripts.demo).toContain('serve examples/ml-platform/_site');
  });
});
