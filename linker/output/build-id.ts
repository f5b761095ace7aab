// --build-id: a `build_id` custom section, last in the module, as wasm-ld writes it. Its payload is
// the id's length and bytes; the hashing kinds hash the whole module with the id's bytes still
// spaces (wasm-ld's placeholder), in wasm-ld's way: 1 MiB chunks hashed one by one, then the
// concatenation of those hashes hashed again. fast: xxh3_64 that way, made a version-5 UUID (SHA-1 of
// LLVM's fixed namespace UUID and the 8 hash bytes); sha1: SHA-1 that way (20 bytes); uuid: random
// version-4 UUID (Web Crypto's random values, in node and browsers); 0x...: the given bytes. SHA-1
// is formats/sha1.ts, the same code in every host.
import { ByteWriter } from '../../formats/byte-writer';
import { SectionId } from '../../formats/wasm';
import type * as Sha1 from '../../formats/sha1';
import { xxh3_64 } from '../../formats/xxh3';
import type { BuildId } from '../core/options';

const CHUNK = 1 << 20;
const PLACEHOLDER = 0x20;
const NAMESPACE_UUID = Uint8Array.from([0xa1, 0xfa, 0x48, 0x2d, 0x0e, 0x22, 0x03, 0x8d, 0x33, 0x8b, 0x52, 0x1c, 0xd6, 0xd2, 0x12, 0xb2]);

function idSize(id: BuildId): number {
  return id.kind === 'hex' ? id.bytes.length : id.kind === 'sha1' ? 20 : 16;
}

/** Appends the section with a placeholder id; returns where the id's bytes start in `out`. */
export function writeBuildIdSection(out: ByteWriter, id: BuildId): number {
  const section = out.beginSection(SectionId.Custom);
  out.name('build_id');
  out.u32(idSize(id));
  out.bytes(new Uint8Array(idSize(id)).fill(PLACEHOLDER));
  out.endSection(section); // may move the payload down (its size LEB shrinks): the id ends the section
  return out.pos - idSize(id);
}

/**
 * Writes the id into the finished module at `at` (see writeBuildIdSection). `hostSha1` is the
 * host's SHA-1 where it has a faster one (node's OpenSSL: 11 ms for 20 MiB, formats/sha1.ts 117 ms).
 */
export function fillBuildId(module: Uint8Array, at: number, id: BuildId, hostSha1?: (data: Uint8Array) => Uint8Array): void {
  // formats/sha1.ts is loaded only when an id is computed (not with every link).
  const sha1 = (...parts: Uint8Array[]) => (require('../../formats/sha1') as typeof Sha1).sha1(...parts);
  module.set(computeId(module, id, hostSha1 ?? ((b) => sha1(b)), sha1), at);
}

function computeId(module: Uint8Array, id: BuildId, sha: (data: Uint8Array) => Uint8Array, sha1: typeof Sha1.sha1): Uint8Array {
  switch (id.kind) {
    case 'hex': return id.bytes;
    case 'sha1': return chunked(module, 20, sha);
    case 'uuid': return withUuidBits(globalThis.crypto.getRandomValues(new Uint8Array(16)), 4);
    case 'fast': {
      const fileHash = chunked(module, 8, (b) => u64le(xxh3_64(b)));
      return withUuidBits(sha1(NAMESPACE_UUID, fileHash).subarray(0, 16), 5);
    }
  }
}

/** wasm-ld's computeHash: each 1 MiB chunk hashed, then the hashes, one after the other, hashed. */
function chunked(data: Uint8Array, size: number, hash: (b: Uint8Array) => Uint8Array): Uint8Array {
  const n = Math.max(1, Math.ceil(data.length / CHUNK));
  const hashes = new Uint8Array(n * size);
  for (let i = 0; i < n; i++) hashes.set(hash(data.subarray(i * CHUNK, Math.min(data.length, (i + 1) * CHUNK))), i * size);
  return hash(hashes);
}

function u64le(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  for (let i = 0; i < 8; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return b;
}

/** The version nibble and the RFC 4122 variant bits of a UUID. */
function withUuidBits(u: Uint8Array, version: number): Uint8Array {
  u[6] = (version << 4) | (u[6] & 0xf);
  u[8] = (u[8] & 0xbf) | 0x80;
  return u;
}
