// Licenses of other formats as SPDX ids (model/license-id.ts reads them), with a warning where the id
// is a reading of what was written; a license that names no id is kept as LicenseRef-….

import { spdxLicenseId } from '../model/license-id.js';

/** Licence pages whose URL names exactly one id: no warning when the license is read from one. */
const EXACT_PAGE = /^https?:\/\/([a-z0-9-]+\.)*(creativecommons|spdx)\.org\//i;

/**
 * A license as an SPDX id where it names one (see `spdxLicenseId`), with a warning when the id is a
 * reading of it (more than its case fixed, or a URL's last segments); otherwise kept as
 * `LicenseRef-<name>`, with a warning.
 */
export function spdxLicense(value: string, where: string | undefined, warnings: string[]): string {
  const at = where === undefined ? '' : `${where}: `;
  const id = spdxLicenseId(value);
  if (id !== undefined) {
    if (id.toLowerCase() !== value.trim().toLowerCase() && !EXACT_PAGE.test(value.trim()))
      warnings.push(`${at}license \`${value}\` read as the SPDX id ${id}.`);
    return id;
  }
  const ref = `LicenseRef-${
    value
      .trim()
      .replace(/^https?:\/\//, '')
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unknown'
  }`;
  warnings.push(`${at}license \`${value}\` is not an SPDX id; kept as ${ref}.`);
  return ref;
}
