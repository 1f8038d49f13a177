// `dossier export`: the catalog in standards other tools read (CycloneDX, SPDX, Hugging Face model cards, Croissant).

import { refuseFolderLeavingRepository } from '../use-cases/output-folder.js';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { countOf } from '../ground/count-noun.js';
import { writeOutputFile } from './output-file.js';
import { writeFileAtomic } from '../ground/atomic-write.js';
import { UsageError } from '../ground/errors.js';
import type { ExportedDocument } from '../use-cases/export-catalog.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, parseCommandArgs, type Command } from './command.js';
import { writeLine } from './terminal.js';

export const exportCommand: Command = {
  name: 'export',
  usage: `Usage: dossier export <format> [ENTITY-REF...] [options]

Formats:
  cyclonedx       a CycloneDX 1.6 JSON ML-BOM of the model versions: a
                  machine-learning-model component per version with its model
                  card (task, architecture, training data, metrics from
                  evaluations, uses, limitations, ethical considerations), a
                  data component per dataset, hashes, SPDX licenses, dependencies
  spdx            an SPDX 3.0.1 JSON-LD document with the AI and Dataset
                  profiles: an AIPackage per model version, a DatasetPackage per
                  dataset, trainedOn / testedOn relationships, declared licenses
  hf-model-card   a Hugging Face README.md per model: front matter the Hub
                  accepts (license, tags, pipeline_tag, datasets, base_model,
                  model-index results of the version in production, or
                  --version) and the standard card sections
  croissant       a Croissant 1.0 JSON-LD description per dataset

ENTITY-REF selects what is exported (default: every model and its versions;
for croissant, every dataset). A Model reference means all its versions.
The BOM formats write one document (standard output, or --out FILE); cards and
Croissant files write one per entity (into --out DIR; standard output when
there is exactly one). The same catalog gives the same bytes (SPDX: for the
same --created). See docs/interop.md for every mapping.

Options:
  --out <path>              file or folder (cyclonedx, spdx), folder (hf-model-card, croissant)
  --serial-number <urn>     cyclonedx: the BOM's serialNumber (urn:uuid:…)
  --created <time>          spdx: the creation time (default: SOURCE_DATE_EPOCH, else now)
  --version <version>       hf-model-card: the version whose training data and results the card shows
                            (default: the one in production, else the latest)
  --config <file>           dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  -h, --help                show this help

Exit codes: 0 exported, 2 usage or configuration error, or an output that cannot be written.`,

  async run(args, context) {
    const parsed = parseCommandArgs('export', args, {
      ...OFFLINE_FLAG,
      out: { type: 'string' },
      'serial-number': { type: 'string' },
      created: { type: 'string' },
      version: { type: 'string' },
      config: { type: 'string' },
    });
    const [format, ...entities] = parsed.positionals;
    // Loaded only here: the CycloneDX library is not needed by any other command.
    const { EXPORT_FORMATS, exportCatalog } = await import('../use-cases/export-catalog.js');
    if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`Name the format: dossier export ${EXPORT_FORMATS.join(' | ')} [ENTITY-REF...].`);
    const serialNumber = parsed.string('serial-number');
    if (
      serialNumber !== undefined &&
      !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(serialNumber)
    )
      throw new UsageError('--serial-number takes a urn:uuid:… with a version 1-5 UUID, as CycloneDX requires.');
    const created = createdTime(parsed.string('created'), context.env.SOURCE_DATE_EPOCH);
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));
    const exported = await exportCatalog({
      cwd: context.cwd,
      config,
      format: format as (typeof EXPORT_FORMATS)[number],
      entities,
      toolVersion: context.version,
      serialNumber,
      created,
      version: parsed.string('version'),
      fetch: fetchOptions(parsed, context.env),
    });
    for (const warning of exported.warnings) writeLine(context.stderr, `dossier: warning: ${warning}`);
    const out = parsed.string('out');
    if (exported.documents.length === 0) {
      context.stderr.write(`dossier: nothing to export: the repository has no ${format === 'croissant' ? 'datasets' : 'models'}.\n`);
      return EXIT_OK;
    }
    if (out === undefined) {
      if (exported.documents.length > 1)
        throw new UsageError(`${exported.documents.length} documents to write: give a folder with --out <dir>, or name one entity.`);
      context.stdout.write(exported.documents[0]?.text ?? '');
    } else if (exported.single) {
      const document = exported.documents[0] as ExportedDocument;
      // A folder given for a one-document format gets the document under its usual name (bom.cdx.json).
      await writeOutputFile(context.cwd, isFolder(path.resolve(context.cwd, out)) ? path.join(out, document.path) : out, document.text);
    } else {
      const folder = path.resolve(context.cwd, out);
      refuseFolderLeavingRepository(context.cwd, out, '--out');
      if (existsSync(folder) && !isFolder(folder))
        throw new UsageError(`--out ${out} is not a folder: ${format} writes one file per entity; give a folder (it is made if missing).`);
      await Promise.all(exported.documents.map((document) => writeFileAtomic(path.join(folder, document.path), document.text)));
      writeLine(context.stderr, `dossier: wrote ${countOf(exported.documents.length, 'file')} to ${out}`);
    }
    return EXIT_OK;
  },
};

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** SPDX's creation time: --created, else SOURCE_DATE_EPOCH (reproducible builds), else now; seconds, UTC. */
function createdTime(flag: string | undefined, epoch: string | undefined): string | undefined {
  if (flag !== undefined) {
    const time = new Date(flag);
    if (Number.isNaN(time.getTime()))
      throw new UsageError(`--created takes an ISO 8601 time such as 2026-01-31T12:00:00Z, not \`${flag}\`.`);
    return `${time.toISOString().slice(0, 19)}Z`;
  }
  if (epoch !== undefined && /^\d+$/.test(epoch)) return `${new Date(Number(epoch) * 1000).toISOString().slice(0, 19)}Z`;
  return undefined;
}
