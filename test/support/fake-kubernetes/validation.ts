import type { KubeObject } from './object-store';

/**
 * The subset of the API server's validation that agent Jobs meet: names, labels, node
 * selectors, resource quantities, restart and failure policies, and the Secret size limit.
 * Each problem reads like the real server's `field: Invalid value: "x": reason`.
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;
export const MAX_SECRET_BYTES = 1024 * 1024;

export interface FieldProblem {
  field: string;
  message: string;
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return 'prefix part must be a DNS subdomain';
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (value !== '' && !LABEL_NAME.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

function checkLabels(labels: Record<string, string> | undefined, field: string, problems: FieldProblem[]): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) problems.push({ field, message: `Invalid value: ${JSON.stringify(key)}: ${keyProblem}` });
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : 'must be a string';
    if (valueProblem) problems.push({ field, message: `Invalid value: ${JSON.stringify(value)}: ${valueProblem}` });
  }
}

function checkName(object: KubeObject, maxLength: number, pattern: RegExp, problems: FieldProblem[]): void {
  const name = object.metadata?.name;
  if (!name) problems.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  else if (name.length > maxLength || !pattern.test(name)) {
    problems.push({ field: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: must be no more than ${maxLength} characters of lowercase alphanumerics and '-'` });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function checkPodSpec(spec: any, field: string, problems: FieldProblem[]): void {
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    problems.push({ field: `${field}.containers`, message: 'Required value' });
    return;
  }
  for (const [key, value] of Object.entries((spec.nodeSelector ?? {}) as Record<string, string>)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) problems.push({ field: `${field}.nodeSelector`, message: `Invalid value: ${JSON.stringify(key)}: ${problem}` });
  }
  for (const name of ['runtimeClassName', 'priorityClassName'] as const) {
    if (spec[name] !== undefined && !DNS_SUBDOMAIN.test(String(spec[name]))) {
      problems.push({ field: `${field}.${name}`, message: `Invalid value: ${JSON.stringify(spec[name])}: a lowercase RFC 1123 subdomain is required` });
    }
  }
  for (const [i, container] of (spec.containers as { name?: string; image?: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[]).entries()) {
    const at = `${field}.containers[${i}]`;
    if (!container.name || !DNS_LABEL.test(container.name)) problems.push({ field: `${at}.name`, message: `Invalid value: ${JSON.stringify(container.name ?? '')}` });
    if (!container.image) problems.push({ field: `${at}.image`, message: 'Required value' });
    for (const kind of ['requests', 'limits'] as const) {
      for (const [resource, quantity] of Object.entries(container.resources?.[kind] ?? {})) {
        if (!QUANTITY.test(String(quantity))) {
          problems.push({ field: `${at}.resources.${kind}[${resource}]`, message: `Invalid value: ${JSON.stringify(quantity)}: must match the regex ${QUANTITY.source}` });
        }
      }
    }
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const resource of Object.keys(requests).filter((r) => r.includes('/'))) {
      if (limits[resource] !== undefined && limits[resource] !== requests[resource]) {
        problems.push({ field: `${at}.resources.requests[${resource}]`, message: `Invalid value: ${JSON.stringify(requests[resource])}: must be equal to ${resource} limit` });
      }
    }
  }
}

export function validateJob(job: KubeObject): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkName(job, 63, DNS_LABEL, problems);
  checkLabels(job.metadata?.labels, 'metadata.labels', problems);
  const spec = job.spec ?? {};
  const template = spec.template ?? {};
  checkLabels(template.metadata?.labels, 'spec.template.metadata.labels', problems);
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') {
    problems.push({ field: 'spec.template.spec.restartPolicy', message: `Unsupported value: ${JSON.stringify(restartPolicy ?? 'Always')}: supported values: "OnFailure", "Never"` });
  }
  if (spec.podFailurePolicy && restartPolicy !== 'Never') {
    problems.push({ field: 'spec.podFailurePolicy', message: 'Invalid value: only "Never" is supported when podFailurePolicy is specified' });
  }
  for (const field of ['backoffLimit', 'ttlSecondsAfterFinished'] as const) {
    if (spec[field] !== undefined && (!Number.isInteger(spec[field]) || spec[field] < 0)) {
      problems.push({ field: `spec.${field}`, message: `Invalid value: ${spec[field]}: must be greater than or equal to 0` });
    }
  }
  if (spec.activeDeadlineSeconds !== undefined && !(Number.isInteger(spec.activeDeadlineSeconds) && spec.activeDeadlineSeconds > 0)) {
    problems.push({ field: 'spec.activeDeadlineSeconds', message: `Invalid value: ${spec.activeDeadlineSeconds}: must be greater than 0` });
  }
  checkPodSpec(template.spec, 'spec.template.spec', problems);
  return problems;
}

export function validateSecret(secret: KubeObject): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkName(secret, 253, DNS_SUBDOMAIN, problems);
  checkLabels(secret.metadata?.labels, 'metadata.labels', problems);
  let bytes = 0;
  for (const [key, value] of Object.entries((secret.data ?? {}) as Record<string, string>)) {
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) problems.push({ field: 'data', message: `Invalid value: ${JSON.stringify(key)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.'` });
    bytes += Buffer.from(value, 'base64').length;
  }
  for (const value of Object.values((secret.stringData ?? {}) as Record<string, string>)) bytes += Buffer.byteLength(value);
  if (bytes > MAX_SECRET_BYTES) problems.push({ field: 'data', message: `Too long: must have at most ${MAX_SECRET_BYTES} bytes` });
  return problems;
}
