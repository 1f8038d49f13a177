// `dossier score`: the governance scorecard, overall and per owner, as a table or JSON.

import { buildScorecard, type FamilyScore, type Scorecard } from '../score/scorecard.js';
import { stableStringify } from '../ground/stable-json.js';
import { EXIT_OK, oneOf, parseCommandArgs, type Command } from './command.js';
import { compileProject } from '../use-cases/compile-project.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { Progress } from './terminal.js';
import { profilesCompleteness } from '../compliance/documentation-completeness.js';

function percent(score: FamilyScore | undefined): string {
  return score === undefined ? '-' : `${Math.round(score.share * 100)}%`;
}

export function renderScorecardTable(card: Scorecard): string {
  const familyWidth = Math.max(8, ...card.families.map((f) => f.length)) + 2;
  const lines = [`Governance scorecard: ${card.models.length} model${card.models.length === 1 ? '' : 's'}`, ''];
  lines.push(`${'FAMILY'.padEnd(familyWidth)}${'MEETING'.padStart(9)}${'SHARE'.padStart(8)}`);
  for (const family of card.families) {
    const score = card.overall[family] as FamilyScore;
    lines.push(`${family.padEnd(familyWidth)}${`${score.meeting}/${score.total}`.padStart(9)}${percent(score).padStart(8)}`);
  }
  const owners = Object.keys(card.byOwner);
  if (owners.length > 0) {
    const ownerWidth = Math.max(5, ...owners.map((o) => o.length)) + 2;
    const columns = card.families.map((f) => Math.max(f.length, 4) + 2);
    lines.push(
      '',
      `${'OWNER'.padEnd(ownerWidth)}${'MODELS'.padStart(7)}  ${card.families.map((f, i) => f.padStart(columns[i] as number)).join('')}`,
    );
    for (const owner of owners) {
      const row = card.byOwner[owner] as Scorecard['byOwner'][string];
      lines.push(
        `${owner.padEnd(ownerWidth)}${String(row.models).padStart(7)}  ${card.families.map((f, i) => percent(row.families[f]).padStart(columns[i] as number)).join('')}`,
      );
    }
  }
  for (const [profile, documentation] of Object.entries(card.documentation ?? {})) {
    const rows = Object.entries(documentation.byOwner);
    const ownerWidth = Math.max(5, ...rows.map(([owner]) => owner.length)) + 2;
    lines.push('', `${'OWNER'.padEnd(ownerWidth)}${'MODELS'.padStart(7)}  ${`${profile} documentation`.padStart(profile.length + 16)}`);
    for (const [owner, score] of [...rows, ['(all)', documentation.overall] as const])
      lines.push(
        `${owner.padEnd(ownerWidth)}${String(score.models).padStart(7)}  ${`${Math.round(score.completeness * 100)}%`.padStart(profile.length + 16)}`,
      );
  }
  lines.push(
    '',
    'A model meets a family when neither it nor its versions, deployments, evaluations, features or',
    'training data have an error or warning from that family. `dossier lint` lists them.',
  );
  if (card.documentation !== undefined)
    lines.push(
      'Documentation: how complete the metadata of the models under each compliance profile in `extends`',
      'is, without history facts; `dossier compliance <profile>` writes it out. It is not a conformity score.',
    );
  return `${lines.join('\n')}\n`;
}

export const scoreCommand: Command = {
  name: 'score',
  usage: `Usage: dossier score [path] [options]

For each rule family (validity, ownership, documentation, lifecycle, evaluation,
data, features, runtime, hygiene, policies), the share of models whose whole
footprint has no error or warning from it, overall and per owning team. For each
compliance profile in "extends" (eu-ai-act, ...), how complete the documentation
of the models under it is, per owner (dossier compliance writes it out).

Options:
  --config <file>      dossier.yaml to use (default: nearest one at or above the path)
  --format <name>      table (default) or json
  -h, --help           show this help

Exit codes: 0 scored, 2 usage or configuration error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('score', args, { config: { type: 'string' }, format: { type: 'string' } });
    const format = oneOf('format', parsed.string('format'), ['table', 'json'] as const, 'table');
    const config = resolveProjectConfig(context.cwd, parsed.positionals, parsed.string('config'));
    const progress = new Progress(context);
    progress.update('Scoring...');
    const result = await compileProject(config, context.cwd);
    progress.done();
    const card = buildScorecard(result.catalog, result.diagnostics, await profilesCompleteness(config.profiles ?? [], result.catalog));
    context.stdout.write(format === 'json' ? `${stableStringify(card)}\n` : renderScorecardTable(card));
    return EXIT_OK;
  },
};
