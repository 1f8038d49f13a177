// Resolves entities' references to their targets, as relations, and reports what does not hold.

import { recordsHistory } from '../model/history-relations.js';
import type { Diagnostic, MessageData } from '../ground/diagnostics.js';
import {
  deprecatedTarget,
  invalidReference,
  missingMember,
  missingVersion,
  retiredTarget,
  uncheckedReference,
  unresolvedReference,
  wrongKindReference,
} from '../ground/core-rules/reference.js';
import { createDiagnostic, type RuleMeta } from '../ground/rule-meta.js';
import { closestMatches, didYouMean, Suggester } from '../ground/suggest.js';
import type { CollectedReference } from '../model/reference-sites.js';
import { displayPath } from '../validate/schema-errors.js';
import type { CatalogReader, Relation } from './catalog.js';
import type { Entity } from '../model/entity.js';
import { KIND_BY_SLUG, isRecord, memberNames } from '../model/kinds.js';
import type { LocateNode } from './locations.js';
import { formatIdentity, parseReference } from '../model/reference.js';

export interface Resolution {
  relations: Relation[];
  diagnostics: Diagnostic[];
}

/** Names per kind, for "did you mean" on unresolved references; built on the first miss only. */
class NameIndex {
  #byKind: Map<string, string[]> | undefined;
  readonly #members = new WeakMap<Entity, Suggester>();
  /** Suggestions already made: one misspelling repeated at many places is looked up once. */
  readonly #suggested = new Map<string, string[]>();
  /** Per kind, its names indexed for suggestions. */
  readonly #suggesters = new Map<string, Suggester>();
  readonly #catalog: CatalogReader;

  constructor(catalog: CatalogReader) {
    this.#catalog = catalog;
  }

  namesOf(kindSlug: string): string[] {
    // Asked for on every miss, not only the first: each entity that reads the names is recorded as reading them.
    const groupKeys = this.#catalog.groupKeys();
    if (this.#byKind === undefined) {
      const byKind = new Map<string, string[]>();
      for (const groupKey of groupKeys) {
        const slug = groupKey.slice(0, groupKey.indexOf(':'));
        const list = byKind.get(slug);
        if (list) list.push(groupKey.slice(slug.length + 1));
        else byKind.set(slug, [groupKey.slice(slug.length + 1)]);
      }
      this.#byKind = byKind;
    }
    return this.#byKind.get(kindSlug) ?? [];
  }

  /** The members of an entity (features, schema fields), indexed for suggestions once per entity. */
  membersOf(target: Entity, members: ReadonlySet<string>): Suggester {
    let suggester = this.#members.get(target);
    if (suggester === undefined) this.#members.set(target, (suggester = new Suggester([...members])));
    return suggester;
  }

  /** The closest names of the kind to `name` in `namespace`, written as from that namespace (`shortName` is how the reference wrote it). */
  suggestionsFor(kindSlug: string, namespace: string, name: string, shortName: string): string[] {
    const names = this.namesOf(kindSlug);
    const asked = `${kindSlug}\n${namespace}\n${name}\n${shortName}`;
    const known = this.#suggested.get(asked);
    if (known !== undefined) return known;
    // One index per kind, of `namespace/name`: references from many namespaces share it.
    let suggester = this.#suggesters.get(kindSlug);
    if (suggester === undefined) this.#suggesters.set(kindSlug, (suggester = new Suggester(names)));
    const near = [...suggester.near(`${namespace}/${name}`)];
    const suggestions = closestMatches(
      shortName,
      near.map((key) => (key.startsWith(`${namespace}/`) ? key.slice(namespace.length + 1) : key)),
    );
    this.#suggested.set(asked, suggestions);
    return suggestions;
  }
}

export interface ResolveOptions {
  /**
   * Why references into `namespace` cannot be checked (another repository's catalog could not be
   * read), or undefined when a reference there that does not resolve is simply unresolved.
   */
  uncheckedReason?: (namespace: string) => string | undefined;
}

/** Resolves entities' references one entity at a time, against one Catalog. */
export class ReferenceResolver {
  readonly #catalog: CatalogReader;
  readonly #locate: LocateNode;
  readonly #options: ResolveOptions;
  readonly #names: NameIndex;
  // The same few references (owners, terms, popular datasets) recur thousands of times.
  readonly #parsed = new Map<string, ReturnType<typeof parseReference>>();

  constructor(catalog: CatalogReader, locate: LocateNode, options: ResolveOptions = {}) {
    this.#catalog = catalog;
    this.#locate = locate;
    this.#options = options;
    this.#names = new NameIndex(catalog);
  }

  /** The relations an entity's references make, in document order, and what does not hold. */
  resolve(entity: Entity): Resolution {
    const relations: Relation[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const site of entity.references) {
      const report = <Ids extends string>(rule: RuleMeta<Ids>, messageId: Ids, data: MessageData) => {
        diagnostics.push(
          createDiagnostic(rule, messageId, data, {
            file: entity.source.file,
            range: this.#locate(entity.source.file, entity.source.document, site.pointer),
            entity: entity.identity,
          }),
        );
      };
      const target = resolveSite(this.#catalog, entity, site, {
        names: this.#names,
        report,
        parse: this.#parse,
        uncheckedReason: this.#options.uncheckedReason,
      });
      if (target === undefined) continue;
      const relation: Relation = {
        type: site.annotation.relation,
        inverse: site.annotation.inverse,
        source: entity.identity,
        target: target.entity.identity,
        pointer: site.pointer,
      };
      if (target.member !== undefined) relation.member = target.member;
      if (site.annotation.acyclic === true) relation.acyclic = true;
      relations.push(relation);
      checkLifecycle(entity, target.entity, site, report);
    }
    return { relations, diagnostics };
  }

  readonly #parse = (text: string) => {
    let result = this.#parsed.get(text);
    if (result === undefined) {
      result = parseReference(text);
      this.#parsed.set(text, result);
    }
    return result;
  };
}

type Report = <Ids extends string>(rule: RuleMeta<Ids>, messageId: Ids, data: MessageData) => void;

interface SiteContext {
  names: NameIndex;
  report: Report;
  parse: typeof parseReference;
  uncheckedReason: ResolveOptions['uncheckedReason'];
}

function resolveSite(
  catalog: CatalogReader,
  entity: Entity,
  site: CollectedReference,
  { names, report, parse, uncheckedReason }: SiteContext,
): { entity: Entity; member?: string } | undefined {
  const ref = site.text;
  const field = () => displayPath(site.pointer);
  const parsed = parse(ref);
  if (!parsed.ok) {
    report(invalidReference, 'syntax', { ref, reason: parsed.reason });
    return undefined;
  }
  const reference = parsed.reference;
  const expected = site.annotation.kind === '*' ? (reference.kind ?? entity.kindSlug) : site.annotation.kind;
  const expectedInfo = KIND_BY_SLUG.get(expected);
  if (expectedInfo === undefined) throw new Error(`schema names unknown reference kind ${expected}`);
  const namespace = reference.namespace ?? entity.namespace;
  const shortName = namespace === entity.namespace ? reference.name : `${namespace}/${reference.name}`;

  const wrongKind = (actual: string) => {
    const hint = `Point \`${field()}\` at a ${expectedInfo.kind}.`;
    report(wrongKindReference, 'wrongKind', { field: field(), expected: expectedInfo.kind, ref, actual, hint });
    return undefined;
  };
  if (reference.kind !== undefined && reference.kind !== expected) {
    wrongKind(KIND_BY_SLUG.get(reference.kind)?.kind ?? reference.kind);
    return;
  }

  const groupKey = formatIdentity(expected, namespace, reference.name);
  const versions = catalog.versionsOf(groupKey);
  if (versions.length === 0) {
    const unavailable = uncheckedReason?.(namespace);
    if (unavailable !== undefined) {
      report(uncheckedReference, 'unchecked', { ref, namespace, unavailable });
      return undefined;
    }
    // The field implies the kind, so the name of another kind's entity resolves to nothing (a
    // ModelVersion is usually named like its Model): said in the hint, not as a wrong kind.
    const elsewhere = [...KIND_BY_SLUG.values()].find(
      (info) => info.slug !== expected && catalog.versionsOf(formatIdentity(info.slug, namespace, reference.name)).length > 0,
    );
    const member = memberWrittenWithDot(reference.name, (name) => catalog.versionsOf(formatIdentity(expected, namespace, name)).length > 0);
    const suggestions = names.suggestionsFor(expected, namespace, reference.name, shortName);
    const hint =
      elsewhere !== undefined
        ? `\`${shortName}\` is a ${elsewhere.kind}, and \`${field()}\` takes a ${expectedInfo.kind}: create the ${expectedInfo.kind}, or name one that exists.`
        : member !== undefined
          ? `A member is named after \`#\`: \`${ref.slice(0, ref.lastIndexOf(reference.name))}${member.name}${reference.version === undefined ? '' : `@${reference.version}`}#${member.member}\`.`
          : suggestions.length > 0
            ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?`
            : `Create the ${expectedInfo.kind}, or fix the name.`;
    report(unresolvedReference, 'unresolved', { ref, kind: expectedInfo.kind, target: shortName, hint });
    return undefined;
  }

  let target: Entity | undefined;
  if (reference.version !== undefined) {
    if (!expectedInfo.versioned) {
      report(missingVersion, 'unversioned', { ref, version: reference.version, kind: expectedInfo.kind, target: shortName });
      return undefined;
    }
    target = versions.find((candidate) => candidate.version === reference.version);
    if (target === undefined) {
      const existing = versions.map((candidate) => candidate.version ?? '(unversioned)').join(', ');
      report(missingVersion, 'missing', {
        ref,
        kind: expectedInfo.kind,
        target: shortName,
        version: reference.version,
        versions: existing,
      });
      return undefined;
    }
  } else {
    target = catalog.latest(groupKey);
    // Unreachable: the group has versions, so it has a latest one.
    if (target === undefined) return undefined;
  }

  if (reference.member === undefined) return { entity: target };
  const memberInfo = expectedInfo.member;
  if (memberInfo === undefined) {
    report(invalidReference, 'memberNotAllowed', { ref, member: reference.member, field: field() });
    return undefined;
  }
  const members = memberNames(memberInfo, target.spec);
  if (!members.has(reference.member)) {
    const hint =
      didYouMean(reference.member, names.membersOf(target, members), `${capitalize(memberInfo.noun)}s of \`${target.identity}\``) ||
      `\`${target.identity}\` has none.`;
    report(missingMember, 'missing', { ref, target: target.identity, memberKind: memberInfo.noun, member: reference.member, hint });
    return undefined;
  }
  return { entity: target, member: reference.member };
}

/** `view.feature` where `view` exists: the member written after a dot instead of `#`. */
function memberWrittenWithDot(name: string, exists: (name: string) => boolean): { name: string; member: string } | undefined {
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const candidate = name.slice(0, dot);
    if (exists(candidate)) return { name: candidate, member: name.slice(dot + 1) };
  }
  return undefined;
}

function lifecycleHint(entity: Entity, target: Entity, relation: string): string {
  if (recordsHistory(relation)) {
    const keep = `This reference is part of the record of \`${entity.identity}\`: keep it, and`;
    return target.lifecycle === 'retired'
      ? `${keep} retire \`${entity.identity}\` too, or keep \`${target.identity}\` deprecated rather than retired.`
      : `${keep} deprecate \`${entity.identity}\` too once it is no longer used.`;
  }
  const replacement = isRecord(target.metadata.deprecation) ? target.metadata.deprecation.replacedBy : undefined;
  return typeof replacement === 'string' ? `It is replaced by \`${replacement}\`.` : 'Point to an active entity instead.';
}

function checkLifecycle(entity: Entity, target: Entity, site: CollectedReference, report: Report): void {
  // Replacement links and references among retired things describe history, not current use.
  if (site.annotation.relation === 'replacedBy' || entity.lifecycle === 'retired') return;
  if (target.lifecycle === 'retired') {
    report(retiredTarget, 'retired', {
      ref: site.text,
      target: target.identity,
      hint: lifecycleHint(entity, target, site.annotation.relation),
    });
  } else if (target.lifecycle === 'deprecated' && entity.lifecycle !== 'deprecated') {
    report(deprecatedTarget, 'deprecated', {
      ref: site.text,
      target: target.identity,
      hint: lifecycleHint(entity, target, site.annotation.relation),
    });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
