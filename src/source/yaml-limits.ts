// Bounds on what one YAML document may cost to load: both parsers (values and positions) obey them,
// so a hostile file gets the same diagnostic from either.

/** Deepest nesting of collections; real metadata stays below ten. */
export const MAX_DEPTH = 64;
/** Nodes one document may expand to once aliases are followed; real metadata stays far below. */
export const MAX_EXPANDED_NODES = 100_000;
