import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** shared/ sits beside the repository root (../shared), in development and in CI alike. */
export const SHARED_DIR = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
export const ISTIO_SAMPLES = `${SHARED_DIR}istio-samples/`;

if (!existsSync(ISTIO_SAMPLES)) {
  throw new Error(`shared Istio samples not found at ${ISTIO_SAMPLES}: the tests read them from ../shared`);
}
