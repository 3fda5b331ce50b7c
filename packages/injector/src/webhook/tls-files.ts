// The webhook's certificate and key, read from files and re-read when either changes (cert-manager and
// Kubernetes secret volumes replace them in place or through a symlink swap). A pair that fails to load keeps
// the previous one serving; only the first load may fail the start.
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { TlsConfigError } from '../errors.js';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** Reads the pair and checks that it makes a TLS context (the key matches the certificate). */
export function loadTls(files: TlsFiles): SecureContextOptions {
  let cert: Buffer;
  let key: Buffer;
  try {
    cert = readFileSync(files.certFile);
    key = readFileSync(files.keyFile);
  } catch (e) {
    throw new TlsConfigError(`cannot read the webhook certificate or key: ${(e as Error).message}`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new TlsConfigError(
      `the webhook certificate and key do not make a TLS context: ${(e as Error).message}`,
    );
  }
  return { cert, key };
}

/**
 * Polls both files (every `intervalMs`, by mtime and size: watchFile works across symlink swaps where fs.watch
 * does not) and calls `onChange` with the new pair, or `onError` when it does not load. Returns the stopper.
 */
export function watchTls(
  files: TlsFiles,
  intervalMs: number,
  onChange: (tls: SecureContextOptions) => void,
  onError: (e: Error) => void,
): () => void {
  const listener = () => {
    try {
      onChange(loadTls(files));
    } catch (e) {
      onError(e as Error);
    }
  };
  watchFile(files.certFile, { interval: intervalMs, persistent: false }, listener);
  watchFile(files.keyFile, { interval: intervalMs, persistent: false }, listener);
  return () => {
    unwatchFile(files.certFile, listener);
    unwatchFile(files.keyFile, listener);
  };
}
