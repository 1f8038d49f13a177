// Whether a path, once symbolic links are followed, stays inside a folder: a lexical check is not
// enough when a folder on the way is a link (`models -> ../outside`).

import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Where writing `file` would land: the real path of its deepest existing ancestor (links followed)
 * with the rest of the path joined on. A file that is itself a link counts as the place it points to.
 */
export function realTarget(file: string): string {
  const rest: string[] = [];
  let existing = path.resolve(file);
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(file);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether the path `file` is `folder` or inside it, as written (give real paths to follow links). */
export function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Whether files, links followed, are `folder` or inside it (links in `folder`'s own path followed
 * too), for the many files of one run: each folder's real path is found once. A file that exists and
 * is a link counts as the place it points to.
 */
export function containmentIn(folder: string): (file: string) => boolean {
  const realFolder = realTarget(folder);
  const realFolders = new Map<string, string>();
  return (file) => {
    const absolute = path.resolve(file);
    let isLink = false;
    try {
      isLink = lstatSync(absolute).isSymbolicLink();
    } catch {
      // Not there yet: where it lands is where its folder is.
    }
    if (isLink) return isWithin(realFolder, realTarget(absolute));
    const parent = path.dirname(absolute);
    let realParent = realFolders.get(parent);
    if (realParent === undefined) realFolders.set(parent, (realParent = realTarget(parent)));
    return isWithin(realFolder, path.join(realParent, path.basename(absolute)));
  };
}

/**
 * Whether writing `file`, which lies inside `folder` as written, would land outside it through a
 * symbolic link: a link a pull request committed (`report.sarif -> ~/.bashrc`, `out -> /etc`).
 */
export function leavesThroughLink(folder: string, file: string): boolean {
  const absolute = path.resolve(file);
  // Inside as written, or through a link to the folder itself (`/tmp/link/repo/x` where `/tmp/link` leads to it).
  const inside =
    isWithin(path.resolve(folder), absolute) ||
    isWithin(realTarget(folder), path.join(realTarget(path.dirname(absolute)), path.basename(absolute)));
  return inside && !containmentIn(folder)(absolute);
}
