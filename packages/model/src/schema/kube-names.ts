// Kubernetes' name and label rules (apimachinery's validation): every object name, namespace, label key and value
// is checked as the API server would, so a manifest the cluster would reject is rejected here too.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Undefined when valid; else what was expected. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > 63) return `expected at most 63 characters, got ${value.length}`;
  if (!DNS1123_LABEL.test(value))
    return `expected a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit), got ${JSON.stringify(value)}`;
  return undefined;
}

/** Service names: a DNS-1035 label (starts with a letter). */
export function dns1035LabelProblem(value: string): string | undefined {
  if (value.length > 63) return `expected at most 63 characters, got ${value.length}`;
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(value))
    return `expected a DNS-1035 label (lowercase letters, digits and '-', starting with a letter and ending with a letter or digit), got ${JSON.stringify(value)}`;
  return undefined;
}

export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return `expected at most 253 characters, got ${value.length}`;
  if (!DNS1123_SUBDOMAIN.test(value))
    return `expected a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit), got ${JSON.stringify(value)}`;
  return undefined;
}

/** Label and annotation keys: `[prefix/]name`, the prefix a DNS subdomain, the name 63 characters at most. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix === '' || dns1123SubdomainProblem(prefix) !== undefined)) {
    return `expected a key prefix that is a DNS-1123 subdomain, got ${JSON.stringify(prefix)}`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `expected a key name of 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, got ${JSON.stringify(key)}`;
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `expected a label value of at most 63 characters, got ${value.length}`;
  if (!LABEL_VALUE.test(value))
    return `expected a label value of letters, digits, '-', '_' or '.', starting and ending with a letter or digit, got ${JSON.stringify(value)}`;
  return undefined;
}
