// The audits of every model met in one walk of the history. A rename is told to the audits before
// the commit that made it is read, so a model renamed with its versions keeps one history under its
// new name, in one walk (the audit command, compliance reports and the site read it alike).

import { ModelAudit } from '../audit/model-audit.js';
import { findRenames } from '../diff/renames.js';
import type { HistoryStep } from './walk-history.js';

export class ModelAudits {
  /** By the model's identity at the newest commit read. */
  readonly #audits = new Map<string, ModelAudit>();
  #started = false;

  /** Reads one step of a walk; the first step's base is where the models that existed then start. */
  readonly observe = ({ commit, base, head, changed, changedKeys }: HistoryStep): void => {
    const identities = changed ?? new Set([...base.catalog.entities, ...head.catalog.entities].map((entity) => entity.identity));
    const renames = findRenames(base.catalog, head.catalog, [...identities]);
    if (renames.size > 0)
      for (const audit of [...this.#audits.values()]) {
        const before = audit.model;
        audit.renamed(renames);
        if (audit.model === before) continue;
        this.#audits.delete(before);
        this.#audits.set(audit.model, audit);
      }
    // Models of the first commit's base existed before the history read: their audits start there too.
    const first = !this.#started;
    const candidates = first ? base.catalog.entities.map((entity) => entity.identity).concat([...identities]) : identities;
    this.#started = true;
    for (const identity of candidates) {
      if (!identity.startsWith('model:') || this.#audits.has(identity)) continue;
      // A model a commit removes is not met again (a rename has moved its audit already).
      if (head.catalog.get(identity) === undefined && !(first && base.catalog.get(identity) !== undefined)) continue;
      const audit = new ModelAudit(identity);
      audit.start(base);
      this.#audits.set(identity, audit);
    }
    const stamp = { commit: commit.sha, date: commit.date, author: commit.author };
    for (const audit of this.#audits.values()) audit.observe(stamp, head, changedKeys);
  };

  /** The audit of a model by the identity it has now, else by one it had before a rename. */
  find(identity: string): ModelAudit | undefined {
    return this.#audits.get(identity) ?? [...this.#audits.values()].find((audit) => audit.formerNames.includes(identity));
  }
}
