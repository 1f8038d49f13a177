// Looks up source positions for nodes of any loaded document.

import type { Range } from '../ground/diagnostics.js';
import type { NodePart } from '../source/locate.js';

export type LocateNode = (file: string, document: number, pointer: readonly string[], part?: NodePart) => Range;
