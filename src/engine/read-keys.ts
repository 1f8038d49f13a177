// What a lookup in a CatalogReader read, as a key an incremental link or rebuild compares with what
// changed: an entity (`get`), a version group (`versionsOf`, `latest`), an entity's relations either
// way, the list of all names (asked for "did you mean"), or the chain an entity heads along one
// relation (`closure`: everything the chain reaches, however long). Kept as short strings (millions
// are stored); made and parsed only here.

export type ReadKey =
  | { kind: 'entity'; identity: string }
  | { kind: 'group'; groupKey: string }
  | { kind: 'outgoing'; identity: string }
  | { kind: 'incoming'; identity: string }
  | { kind: 'names' }
  | { kind: 'closure'; relation: string; identity: string };

const PREFIX = { entity: 'e\0', group: 'g\0', outgoing: 'o\0', incoming: 'i\0', closure: 'c\0' } as const;
const NAMES = '*names';

export const readKeys = {
  entity: (identity: string) => `${PREFIX.entity}${identity}`,
  group: (groupKey: string) => `${PREFIX.group}${groupKey}`,
  outgoing: (identity: string) => `${PREFIX.outgoing}${identity}`,
  incoming: (identity: string) => `${PREFIX.incoming}${identity}`,
  names: NAMES,
  closure: (relation: string, identity: string) => `${PREFIX.closure}${relation}\0${identity}`,
} as const;

/** The lookup a key names; undefined for a string no reader made (a damaged cache). */
export function parseReadKey(key: string): ReadKey | undefined {
  if (key === NAMES) return { kind: 'names' };
  const rest = key.slice(2);
  switch (key.slice(0, 2)) {
    case PREFIX.entity:
      return { kind: 'entity', identity: rest };
    case PREFIX.group:
      return { kind: 'group', groupKey: rest };
    case PREFIX.outgoing:
      return { kind: 'outgoing', identity: rest };
    case PREFIX.incoming:
      return { kind: 'incoming', identity: rest };
    case PREFIX.closure: {
      const end = rest.indexOf('\0');
      return end < 0 ? undefined : { kind: 'closure', relation: rest.slice(0, end), identity: rest.slice(end + 1) };
    }
    default:
      return undefined;
  }
}

/** The entities whose outgoing relations changed, as a link step's changed lookups name them. */
export function relationsChanged(changedKeys: Iterable<string>): string[] {
  const identities: string[] = [];
  for (const key of changedKeys) {
    const read = parseReadKey(key);
    if (read?.kind === 'outgoing') identities.push(read.identity);
  }
  return identities;
}
