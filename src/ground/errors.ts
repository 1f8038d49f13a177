// Configuration problems are thrown, not reported: they stop the run with exit code 2.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: string;
  /** `file:line:col` of the offending setting, when known. */
  readonly location: string | undefined;

  constructor(code: string, message: string, location?: string) {
    super(message);
    this.code = code;
    this.location = location;
  }
}

/** A mistake in how Dossier was called (flags, paths): also exit code 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** A service Dossier talks to (GitHub's API) failed: exit code 2, reported without a stack trace. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
}

/** A file a command reads that it cannot understand (an import's source): exit code 2, naming the file and field. */
export class InputError extends UsageError {
  override readonly name = 'InputError';
}
