// A glossary Term's page: its definition, synonyms, broader term and what it classifies.

import type { CatalogReader } from '../../catalog/catalog.js';
import { sourcesOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { renderMarkdown } from '../markdown.js';
import { entitiesTable, facts, fields, list, relatedFact, text, type Section } from './sections.js';

type TermSpec = 'definition' | 'synonyms';

export function termView(catalog: CatalogReader, term: Entity): Section[] {
  const spec = fields<TermSpec>(term.spec);
  const classified = [...new Set(sourcesOf(catalog, term, 'classifiedAs'))];
  return [
    {
      heading: 'Definition',
      html: renderMarkdown(spec.definition),
      facts: facts([['Synonyms', list(spec.synonyms).map(text).join(', ')], relatedFact(catalog, term, 'childOf', 'Broader term')]),
    },
    {
      heading: `Classifies (${classified.length})`,
      ...(classified.length === 0 ? { empty: 'Nothing is classified with this term.' } : { table: entitiesTable(classified) }),
    },
  ];
}
