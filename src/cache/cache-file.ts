// One cache file: a value serialized under the format and environment (Dossier version, schemas, V8)
// it was written for, signed with this machine's key (an HMAC over format, environment and content),
// written atomically. It is read back only when the signature holds and the value passes its check:
// a truncated, foreign, outdated or edited file counts as no cache at all, and nothing of it is
// deserialized before its signature is checked.
//
// The value's typed arrays (the byte and number columns that make up most of a large cache) are not
// copied into V8's serialization: they are written after it as they are, each aligned, and read back
// as views of the file's bytes.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import { writeFileAtomicSync } from '../ground/atomic-write.js';
import { machineKey } from '../ground/machine-key.js';

/** A cache file's parts. */
export interface CacheFile<T> {
  format: number;
  environment: string;
  content: T;
}

/** For content whose own decoding checks it (columns): anything but a primitive. */
export const isObject = (content: unknown): content is object => typeof content === 'object' && content !== null;

/** Bytes of the signature after the first line (`dossier-cache <layout>:<format>`). */
export const CACHE_SIGNATURE_BYTES = 32;

/** How the file is laid out: the serialized value, then its typed arrays. */
const LAYOUT = 2;
const magic = (format: number) => Buffer.from(`dossier-cache ${LAYOUT}:${format}\n`, 'latin1');

type View = ArrayBufferView & { readonly byteLength: number };
type ViewType = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => View;

/** The typed arrays a value may hold, by the code a file gives each, with their element sizes; a Buffer is read back as one. */
const VIEW_TYPES: readonly [type: ViewType, elementBytes: number][] = [
  [Buffer, 1],
  [Uint8Array, 1],
  [Int8Array, 1],
  [Uint8ClampedArray, 1],
  [Int16Array, 2],
  [Uint16Array, 2],
  [Int32Array, 4],
  [Uint32Array, 4],
  [Float32Array, 4],
  [Float64Array, 8],
  [BigInt64Array, 8],
  [BigUint64Array, 8],
];
const viewTypeCode = (view: object) => VIEW_TYPES.findIndex(([type]) => view.constructor === type);

/** Each typed array is written at an offset of the file that is a multiple of this: every one is read in place. */
const ALIGNMENT = 8;
const padding = (offset: number) => (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;

/** Serializes a value, each typed array in it replaced by its index among `views`; `types` holds each one's type code. */
class ViewSerializer extends DefaultSerializer {
  readonly views: View[] = [];
  readonly types: number[] = [];

  _writeHostObject(object: object): void {
    const type = viewTypeCode(object);
    if (type === -1) throw new Error(`a cache cannot keep a ${object.constructor.name}`);
    this.writeUint32(this.views.length);
    this.views.push(object as View);
    this.types.push(type);
  }
}

/** Deserializes a value whose typed arrays are given apart. */
class ViewDeserializer extends DefaultDeserializer {
  readonly #views: readonly View[];

  constructor(payload: Uint8Array, views: readonly View[]) {
    super(payload);
    this.#views = views;
  }

  _readHostObject(): unknown {
    const view = this.#views[this.readUint32()];
    if (view === undefined) throw new Error('a cache file names a typed array it does not have');
    return view;
  }
}

function signature(format: number, environment: string, signed: readonly Uint8Array[], key: string): Buffer {
  const hmac = createHmac('sha256', key).update(`${LAYOUT}\n${format}\n${environment}\n`);
  for (const part of signed) hmac.update(part);
  return hmac.digest();
}

/**
 * A cache file's parts: a line with the layout and format, the signature, then what it signs: a
 * table (the serialized value's length, then each typed array's type and length), the serialized
 * value, and the typed arrays' bytes.
 */
function cacheFileParts({ format, environment, content }: CacheFile<unknown>, key: string): Uint8Array[] {
  const serializer = new ViewSerializer();
  serializer.writeHeader();
  serializer.writeValue(content);
  const payload = serializer.releaseBuffer();
  const { views, types } = serializer;
  // Little-endian, as it is read, whatever the machine.
  const table = Buffer.alloc(4 * (2 + 2 * views.length));
  table.writeUInt32LE(payload.length, 0);
  table.writeUInt32LE(views.length, 4);
  views.forEach((view, index) => {
    table.writeUInt32LE(types[index] as number, 8 + 8 * index);
    table.writeUInt32LE(view.byteLength, 12 + 8 * index);
  });
  const head = magic(format);
  const signed: Uint8Array[] = [table, payload];
  let offset = head.length + CACHE_SIGNATURE_BYTES + table.byteLength + payload.length;
  for (const view of views) {
    const gap = padding(offset);
    if (gap > 0) signed.push(new Uint8Array(gap));
    signed.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    offset += gap + view.byteLength;
  }
  return [head, signature(format, environment, signed, key), ...signed];
}

/** A cache file's bytes: a line with the layout and format, the signature, then what it signs. */
export function encodeCacheFile(file: CacheFile<unknown>, key: string = machineKey()): Buffer {
  return Buffer.concat(cacheFileParts(file, key));
}

/** A cache file's bytes taken apart, nothing deserialized: undefined when they are not laid out as one. */
export function parseCacheFile(
  bytes: Uint8Array,
): { format: number; signature: Uint8Array; signed: Uint8Array; content: () => unknown } | undefined {
  const end = bytes.indexOf(0x0a);
  const line = /^dossier-cache (\d+):(\d+)$/.exec(Buffer.from(bytes.subarray(0, Math.max(end, 0))).toString('latin1'));
  if (end === -1 || Number(line?.[1]) !== LAYOUT) return undefined;
  const start = end + 1 + CACHE_SIGNATURE_BYTES;
  if (bytes.length < start + 8) return undefined;
  const numbers = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const payloadLength = numbers.getUint32(start, true);
  const viewCount = numbers.getUint32(start + 4, true);
  const payloadStart = start + 8 + 8 * viewCount;
  if (payloadStart + payloadLength > bytes.length) return undefined;
  return {
    format: Number(line?.[2]),
    signature: bytes.subarray(end + 1, start),
    signed: bytes.subarray(start),
    content: () => {
      const views: View[] = [];
      let offset = payloadStart + payloadLength;
      for (let index = 0; index < viewCount; index++) {
        const type = VIEW_TYPES[numbers.getUint32(start + 8 + 8 * index, true)];
        const byteLength = numbers.getUint32(start + 12 + 8 * index, true);
        offset += padding(offset);
        if (type === undefined || offset + byteLength > bytes.length || byteLength % type[1] !== 0)
          throw new Error('a cache file is not whole');
        views.push(viewOf(type, bytes, offset, byteLength));
        offset += byteLength;
      }
      const deserializer = new ViewDeserializer(bytes.subarray(payloadStart, payloadStart + payloadLength), views);
      deserializer.readHeader();
      return deserializer.readValue() as unknown;
    },
  };
}

/** A typed array over `bytes` from `offset`: in place when aligned, as the file's bytes are from readFileSync. */
function viewOf([type, elementBytes]: [ViewType, number], bytes: Uint8Array, offset: number, byteLength: number): View {
  const at = bytes.byteOffset + offset;
  if ((type as unknown) === Buffer) return Buffer.from(bytes.buffer, at, byteLength);
  if (at % elementBytes === 0) return new type(bytes.buffer, at, byteLength / elementBytes);
  const copy = new Uint8Array(byteLength);
  copy.set(bytes.subarray(offset, offset + byteLength));
  return new type(copy.buffer, 0, byteLength / elementBytes);
}

/** The content of cache file bytes signed for this format and environment with this machine's key; undefined otherwise. */
export function decodeCacheFile(bytes: Uint8Array, format: number, environment: string): unknown {
  const parsed = parseCacheFile(bytes);
  if (parsed?.format !== format) return undefined;
  const expected = signature(format, environment, [parsed.signed], machineKey());
  if (!timingSafeEqual(parsed.signature, expected)) return undefined;
  return parsed.content();
}
/** The content of a cache file, when it is one written under this format and environment and it passes `valid`. */
export function readCacheFile<T>(
  file: string,
  format: number,
  environment: string,
  valid: (content: unknown) => content is T,
): T | undefined {
  try {
    const content = decodeCacheFile(readRegularFile(file), format, environment);
    return valid(content) ? content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's bytes when it is a regular file, not a link: a cache committed to a repository could be a
 * FIFO (reading it would wait forever) or a link to /dev/zero.
 */
function readRegularFile(file: string): Buffer {
  const descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(descriptor).isFile()) throw new Error(`${file} is not a file`);
    return readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Writes a cache file atomically; false when it cannot be (a cache never fails the run). Synchronously:
 * a lint writes a few small files, and each step of an asynchronous write waited for the thread pool,
 * which cost a warm lint more than the writes themselves.
 */
export function writeCacheFile(file: string, format: number, environment: string, content: unknown): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // In its parts: joining them would copy the content, megabytes for a site's page state, once more.
    writeFileAtomicSync(file, cacheFileParts({ format, environment, content }, machineKey()));
    return true;
  } catch {
    return false;
  }
}
