// Licence warnings of an export, one line per licence however many entities carry it: a repository
// whose datasets are all `proprietary` (a licence lint accepts) gets one line, not one per entity.

/** Messages about licences, each with the entities it was said of. */
export class LicenseNotes {
  private readonly entitiesByMessage = new Map<string, string[]>();

  /** Notes `message` (which names the licence, not the entity) for `identity`. */
  add(message: string, identity: string): void {
    const entities = this.entitiesByMessage.get(message);
    if (entities === undefined) this.entitiesByMessage.set(message, [identity]);
    else if (!entities.includes(identity)) entities.push(identity);
  }

  /** One line per message: `license \`proprietary\` is not an SPDX id; kept as LicenseRef-proprietary (10 entities: a, b, c, …).` */
  lines(): string[] {
    return [...this.entitiesByMessage].map(([message, entities]) => {
      const shown = entities.slice(0, 3).join(', ');
      const more = entities.length > 3 ? ', …' : '';
      return `${message.replace(/\.$/, '')} (${entities.length === 1 ? shown : `${entities.length} entities: ${shown}${more}`}).`;
    });
  }
}
