// The import-boundary check (npm run check:layers): imports only point down the layers of
// docs/ARCHITECTURE.md, never up, never sideways between peers of one layer, and never in a cycle.

/** Lowest first. A folder may import from its own folder and from any folder of a lower layer. */
const LAYERS = [
  ['ground'],
  ['model'],
  ['source'],
  ['git'],
  ['validate'],
  ['catalog'],
  ['rules'],
  ['config'],
  ['engine'],
  ['compile'],
  ['approvals'],
  ['report', 'site', 'diff', 'score', 'github', 'federation', 'audit', 'record', 'interop', 'cache', 'compliance'],
  ['use-cases'],
  ['cli', 'action'],
];

const folders = (names) => `^src/(${names.join('|')})/`;

const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-from-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import from a higher layer`,
  severity: 'error',
  from: { path: folders(layer) },
  to: { path: folders(LAYERS.slice(index + 1).flat()) },
}));

const sideways = LAYERS.filter((layer) => layer.length > 1).flatMap((layer) =>
  layer.map((folder) => ({
    name: `no-sideways-from-${folder}`,
    comment: `${folder} may not import from its peers (${layer.filter((peer) => peer !== folder).join(', ')})`,
    severity: 'error',
    from: { path: folders([folder]) },
    to: { path: folders(layer.filter((peer) => peer !== folder)) },
  })),
);

module.exports = {
  forbidden: [
    ...upward,
    ...sideways,
    {
      name: 'no-circular',
      comment: 'Modules may not import each other in a cycle',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unlayered-folder',
      comment: 'Every folder under src/ belongs to a layer: add it to LAYERS and docs/ARCHITECTURE.md',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: folders(LAYERS.flat()) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
