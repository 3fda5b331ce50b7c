// The fortio-like load client:
//   node dist/load-client/main.js [load] -c 2 -qps 0 -n 20 URL   one run, report on stdout (exit 2: bad flags)
//   node dist/load-client/main.js server                         the in-mesh workload (see load-server.ts)
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { parseLoadArgs, USAGE } from './load-options.js';
import { formatReport, reportJson } from './load-report.js';
import { runLoad } from './load-run.js';
import { loadServerConfigFromEnv, startLoadServer } from './load-server.js';

const argv = process.argv.slice(2);
if (argv[0] === 'server') {
  await runMain('load-client', () => startLoadServer(loadServerConfigFromEnv(process.env)));
} else {
  const parsed = parseLoadArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`load: ${parsed.error}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    const result = await runLoad(parsed.options);
    process.stdout.write(
      parsed.options.json ? `${JSON.stringify(reportJson(result), null, 2)}\n` : formatReport(result),
    );
  }
}
