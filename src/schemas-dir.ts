// Where the package's JSON Schemas and templates live; this file sits one level below the package
// root in both the source (src/) and the built (build/) tree.

import { fileURLToPath } from 'node:url';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
