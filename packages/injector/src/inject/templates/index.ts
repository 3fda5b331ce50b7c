// The template family: each member renders a partial pod from the same TemplateInput. A pod picks members with
// `inject.istio.io/templates: a,b` (rendered in that order and merged one over the other, as Istio does);
// otherwise the injector's default list applies. Callers may add their own members.
import { TemplateError } from '../../errors.js';
import type { PodLike } from '../../types.js';
import { A } from '../annotations.js';
import type { TemplateInput, TemplateSwitches } from '../template-input.js';
import { gatewayTemplate } from './gateway.js';
import { grpcAgentTemplate } from './grpc-agent.js';
import { grpcSimpleTemplate } from './grpc-simple.js';
import { sidecarTemplate } from './sidecar.js';

export type TemplateFn = (input: TemplateInput, switches: TemplateSwitches) => PodLike;

export const BUILTIN_TEMPLATES: Readonly<Record<string, TemplateFn>> = {
  sidecar: sidecarTemplate,
  gateway: gatewayTemplate,
  'grpc-simple': grpcSimpleTemplate,
  'grpc-agent': grpcAgentTemplate,
};

/** The template names for a pod: the annotation's list when present, else `defaults`. */
export function selectTemplates(annotations: Record<string, string>, defaults: readonly string[]): string[] {
  const anno = annotations[A.injectTemplates];
  if (anno === undefined) return [...defaults];
  return anno.split(',').map((n) => n.trim());
}

export function findTemplate(name: string, custom: Readonly<Record<string, TemplateFn>>): TemplateFn {
  const fn = Object.hasOwn(custom, name)
    ? custom[name]
    : Object.hasOwn(BUILTIN_TEMPLATES, name)
      ? BUILTIN_TEMPLATES[name]
      : undefined;
  if (fn === undefined) {
    const known = [...new Set([...Object.keys(BUILTIN_TEMPLATES), ...Object.keys(custom)])].sort();
    throw new TemplateError(`requested template "${name}" not found; have ${known.join(', ')}`);
  }
  return fn;
}

export { gatewayTemplate, grpcAgentTemplate, grpcSimpleTemplate, sidecarTemplate };
