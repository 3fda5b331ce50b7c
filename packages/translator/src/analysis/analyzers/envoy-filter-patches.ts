// EnvoyFilter patches minimesh cannot apply (a value that does not decode into its applyTo's Envoy type, a MERGE
// of another @type, a BOOTSTRAP patch), whatever proxy the filter selects: the same compiled patches the translator
// applies (cached per loaded EnvoyFilter), reported at `configPatches[i]`'s file and line.
import { MeshKind } from '@minimesh/model';
import { reportEnvoyFilterProblems } from '../../envoy-filter/compile-patches.js';
import { MessageSink } from '../../messages.js';
import type { AnalysisContext, Analyzer } from '../analyzer.js';

export const envoyFilterPatches: Analyzer = {
  code: 'MM_ENVOYFILTER',
  name: 'envoyfilter.Patches',
  description: 'Checks that every EnvoyFilter patch decodes into the Envoy type its applyTo names',
  run(ctx: AnalysisContext): void {
    const sink = new MessageSink();
    for (const filter of ctx.registry.configs(MeshKind.EnvoyFilter)) reportEnvoyFilterProblems(filter, sink);
    for (const m of sink.list()) ctx.add(m);
  },
};
