import { buildRegistry, loadDirectory } from '@minimesh/model';
import { formatProxyId, PushContext, parseProxy, translate } from '@minimesh/translator';

const { resources, errors } = await loadDirectory(process.argv[2]);
if (errors.length > 0) throw new Error(`${errors.length} load errors`);
const workloads = [{ name: 'reviews-v1-1', address: '10.0.0.3', labels: { app: 'reviews', version: 'v1' } }];
const push = new PushContext(buildRegistry(resources, { workloads }));
const proxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-1', 'default'),
  labels: { app: 'productpage' },
});
for (const c of translate(proxy, push).clusters)
  console.log(c.name, c.type ?? c.cluster_discovery_type ?? '');
