// One `git cat-file --batch` process for a whole walk over history: asking it for the few blobs a
// commit changed costs a write and a read, where a process per commit would cost a start of git.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Pending {
  sha: string;
  resolve: (blob: Buffer | undefined) => void;
  reject: (error: Error) => void;
}

export class BlobReader {
  readonly #top: string;
  #child: ChildProcessWithoutNullStreams | undefined;
  #pending: Pending[] = [];
  #buffered: Buffer = Buffer.alloc(0);
  #failure: Error | undefined;

  constructor(top: string) {
    this.#top = top;
  }

  /** The blobs' bytes by id; a blob the repository does not have is left out. */
  async read(shas: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(shas)];
    const blobs = await Promise.all(unique.map((sha) => this.#request(sha)));
    const found = new Map<string, Buffer>();
    unique.forEach((sha, index) => {
      const blob = blobs[index];
      if (blob !== undefined) found.set(sha, blob);
    });
    return found;
  }

  /** Ends the git process; reading again starts another. */
  close(): void {
    this.#child?.stdin.end();
    this.#child = undefined;
  }

  #request(sha: string): Promise<Buffer | undefined> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const child = this.#process();
    return new Promise((resolve, reject) => {
      this.#pending.push({ sha, resolve, reject });
      child.stdin.write(`${sha}\n`);
    });
  }

  #process(): ChildProcessWithoutNullStreams {
    if (this.#child !== undefined) return this.#child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.#top, stdio: 'pipe' });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
      this.#answer();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined);
    const fail = (error: Error) => {
      this.#failure = error;
      for (const pending of this.#pending.splice(0)) pending.reject(error);
    };
    child.on('error', fail);
    child.on('close', (code) => {
      if (this.#pending.length > 0) fail(new Error(`git cat-file stopped (${String(code)}): ${stderr.trim()}`));
    });
    this.#child = child;
    return child;
  }

  /** Answers the pending requests whose responses are complete: `<sha> blob <size>\n<bytes>\n` or `<sha> missing\n`. */
  #answer(): void {
    for (;;) {
      const pending = this.#pending[0];
      const newline = this.#buffered.indexOf(10);
      if (pending === undefined || newline === -1) return;
      const [, type, size] = this.#buffered.toString('latin1', 0, newline).split(' ');
      if (type === 'missing' || size === undefined) {
        this.#buffered = this.#buffered.subarray(newline + 1);
        this.#pending.shift();
        pending.resolve(undefined);
        continue;
      }
      const end = newline + 1 + Number(size);
      if (this.#buffered.length < end + 1) return;
      // A copy: the rest of the buffer is released with the next response.
      const blob = Buffer.from(this.#buffered.subarray(newline + 1, end));
      this.#buffered = this.#buffered.subarray(end + 1);
      this.#pending.shift();
      pending.resolve(blob);
    }
  }
}
