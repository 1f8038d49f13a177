// `dossier export`: model versions in a standard other tools read (CycloneDX ML-BOM).

import path from 'node:path';
import { writeFileAtomic } from '../ground/atomic-write.js';
import { UsageError } from '../ground/errors.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, parseCommandArgs, type Command } from './command.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Model versions as a CycloneDX 1.6 ML-BOM, for security, compliance and procurement tools.',
  usage: `Usage: dossier export cyclonedx [MODEL-REF...] [options]

Writes the model versions (default: every model and its versions; a Model
reference means all its versions) as a CycloneDX 1.6 JSON BOM: a
machine-learning-model component per version with its model card (task,
architecture, training datasets, performance metrics from evaluations, intended
uses, limitations, ethical considerations), a data component per dataset with
its license and classification, artifact hashes, licenses as SPDX ids, and the
dependencies on training data and base models. The same catalog gives the same
bytes: the serial number is derived from the content unless given.
See docs/interop.md for the mapping.

Options:
  --out <file>              write to a file instead of standard output
  --serial-number <urn>     the BOM's serialNumber (urn:uuid:…)
  --config <file>           dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  -h, --help                show this help`,

  async run(args, context) {
    const parsed = parseCommandArgs('export', args, {
      ...OFFLINE_FLAG,
      out: { type: 'string' },
      'serial-number': { type: 'string' },
      config: { type: 'string' },
    });
    const [format, ...entities] = parsed.positionals;
    // Loaded only here: the CycloneDX library is not needed by any other command.
    const { EXPORT_FORMATS, exportCatalog } = await import('../use-cases/export-catalog.js');
    if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`Name the format: dossier export ${EXPORT_FORMATS.join(' | ')} [MODEL-REF...].`);
    const serialNumber = parsed.string('serial-number');
    if (
      serialNumber !== undefined &&
      !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(serialNumber)
    )
      throw new UsageError('--serial-number takes a urn:uuid:… with a version 1-5 UUID, as CycloneDX requires.');
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));
    const exported = await exportCatalog({
      cwd: context.cwd,
      config,
      format: format as (typeof EXPORT_FORMATS)[number],
      entities,
      toolVersion: context.version,
      serialNumber,
      fetch: fetchOptions(parsed, context.env),
    });
    for (const warning of exported.warnings) context.stderr.write(`dossier: warning: ${warning}\n`);
    const out = parsed.string('out');
    if (out === undefined) context.stdout.write(exported.text);
    else await writeFileAtomic(path.resolve(context.cwd, out), exported.text);
    return EXIT_OK;
  },
};
