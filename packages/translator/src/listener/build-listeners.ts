// LDS for one proxy (istiod 1.30 listener_builder.go): sidecars get their outbound listeners, virtualOutbound and
// virtualInbound; gateways their server listeners. Sorted by name for deterministic output. Bad input becomes
// messages in `sink`; nothing here throws for it.
import type { Listener } from '@minimesh/model';
import { sharedOutboundListeners } from '../cache/shared-resources.js';
import type { MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { gatewayListeners } from './gateway-listeners.js';
import { inboundListeners } from './inbound.js';
import { outboundListeners, virtualOutboundListener } from './outbound.js';

export function buildListeners(proxy: MeshProxy, push: PushContext, sink: MessageSink): Listener[] {
  const all =
    proxy.type === 'router'
      ? gatewayListeners(proxy, push, sink)
      : [
          ...sharedOutboundListeners(push, proxy, sink, (s) => outboundListeners(proxy, push, s)),
          virtualOutboundListener(push, proxy),
          ...inboundListeners(proxy, push, sink),
        ];
  return all.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
}
