// Rules about files as bytes: what must hold before YAML parsing can start.

import { defineRule } from '../rule-meta.js';

export const unreadableFile = defineRule({
  id: 'file/unreadable',
  defaultSeverity: 'error',
  description: 'Report metadata files that cannot be read.',
  messages: {
    unreadable: { message: 'Cannot read the file: {{reason}}.', hint: 'Check that the file exists and is readable.' },
  },
});

export const fileTooLarge = defineRule({
  id: 'file/too-large',
  defaultSeverity: 'error',
  description: 'Report files over the size limit; they are not parsed.',
  messages: {
    tooLarge: {
      message: 'The file is {{size}} bytes, over the limit of {{limit}} bytes; it was not parsed.',
      hint: 'Split it into smaller files, or raise `maxFileSize` in dossier.yaml.',
    },
  },
});

export const binaryFile = defineRule({
  id: 'file/binary',
  defaultSeverity: 'error',
  description: 'Report binary files that carry a YAML name.',
  messages: {
    binary: {
      message: 'The file holds binary data (a NUL byte at offset {{offset}}), not YAML text.',
      hint: 'Rename it so it does not end in .yaml/.yml, or add it to `exclude` in dossier.yaml.',
    },
  },
});

export const fileEncoding = defineRule({
  id: 'file/encoding',
  defaultSeverity: 'error',
  description: 'Require metadata files to be UTF-8.',
  messages: {
    notUtf8: {
      message: 'The file is not valid UTF-8: invalid byte sequence at byte offset {{offset}}.',
      hint: 'Re-save the file as UTF-8.',
    },
  },
});

export const fileOutsideRoot = defineRule({
  id: 'file/outside-root',
  defaultSeverity: 'error',
  description: 'Refuse symbolic links that point outside the repository.',
  messages: {
    outside: {
      message: 'This symbolic link points outside the repository, to {{target}}; it was not read.',
      hint: 'Copy the file into the repository, or remove the link.',
    },
  },
});

export const emptyFile = defineRule({
  id: 'file/empty',
  defaultSeverity: 'info',
  description: 'Point out empty YAML files.',
  messages: {
    empty: { message: 'The file is empty.', hint: 'Delete it, or add an entity with `apiVersion: dossier/v1`.' },
    nothingToRecord: {
      message: 'The input holds no entity to record.',
      hint: 'Pass what the training job wrote: a ModelVersion (and its Evaluations) with `apiVersion: dossier/v1`, as YAML or JSON.',
    },
  },
});

export const fileCaseConflict = defineRule({
  id: 'file/case-conflict',
  defaultSeverity: 'error',
  description: 'Disallow two files whose paths differ only in letter case or Unicode normalisation.',
  messages: {
    conflict: {
      message:
        'This path differs from `{{other}}` only in letter case or Unicode normalisation; a checkout on macOS or Windows keeps only one of the two.',
      hint: 'Rename one of the files (or merge them).',
    },
  },
});

export const fileRules = [unreadableFile, fileTooLarge, binaryFile, fileEncoding, fileOutsideRoot, emptyFile, fileCaseConflict];
