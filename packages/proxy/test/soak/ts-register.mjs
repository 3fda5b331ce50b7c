// `node --import ./test/soak/ts-register.mjs src/bin/mesh-proxy.ts ...`: registers ts-hooks.mjs.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
