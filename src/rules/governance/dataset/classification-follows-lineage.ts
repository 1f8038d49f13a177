// dataset/classification-follows-lineage: a dataset is classified at least as high as the data it is
// derived from. A derivation that really removed what made its source sensitive (aggregation,
// tokenisation) says so in a suppression with its reason, where reviewers see it.

import { createRule } from '../../catalog-rule.js';
import { describePath, LineageSearch } from '../../../catalog/lineage.js';
import { classificationRank, DATA_CLASSIFICATIONS } from '../../../model/kinds.js';

type MessageId = 'lowered' | 'unclassified';

export default createRule<MessageId>({
  meta: {
    id: 'dataset/classification-follows-lineage',
    defaultSeverity: 'error',
    description: 'Disallow derived datasets classified lower than the data they are derived from.',
    family: 'data',
    preset: 'recommended',
    messages: {
      lowered: {
        message: '`{{identity}}` is classified `{{classification}}`, lower than the data it is derived from: {{path}}.',
        hint: 'Classify it `{{sourceClassification}}`; if the derivation removed what made the source sensitive, say so: `# dossier-disable-next-line dataset/classification-follows-lineage -- <how>` above this line.',
      },
      unclassified: {
        message: '`{{identity}}` declares no classification, but it is derived from classified data: {{path}}.',
        hint: 'Add `classification: {{sourceClassification}}` (or higher) to its spec.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    // One search for each level: the nearest dataset of a lineage classified above it.
    const above = DATA_CLASSIFICATIONS.map(
      (_, rank) => new LineageSearch(catalog, (dataset) => (classificationRank(dataset.spec.classification) ?? -1) > rank),
    );
    return (dataset) => {
      if (dataset.kind !== 'Dataset') return;
      const declared = dataset.spec.classification;
      const rank = classificationRank(declared);
      const path = above[rank ?? 0]?.inherited(dataset);
      const source = path?.at(-1);
      if (path === undefined || source === undefined) return;
      const sourceClassification = String(source.spec.classification);
      const data = {
        identity: dataset.identity,
        source: source.identity,
        sourceClassification,
        path: describePath(path, sourceClassification),
      };
      if (rank === undefined) report(['spec'], 'unclassified', data, 'key');
      else report(['spec', 'classification'], 'lowered', { ...data, classification: String(declared) });
    };
  },
});
