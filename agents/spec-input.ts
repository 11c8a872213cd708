import { readFile } from 'node:fs/promises';
import { InvalidSpecError } from './agent-runner';
import { agentSpecSchema, type AgentSpec } from './protocol';

export interface SpecSources {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
}

/** The `--spec <path>` / `--spec=<path>` argument, if given. */
function specArgument(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--spec=')) return arg.slice('--spec='.length);
    if (arg === '--spec') {
      const path = argv[i + 1];
      if (!path || path.startsWith('--')) throw new InvalidSpecError('--spec needs a file path');
      return path;
    }
  }
  return undefined;
}

/** The spec file named by `--spec` or `AGENT_SPEC_PATH`; undefined: the spec comes on stdin. */
export function specFilePath(sources: Pick<SpecSources, 'argv' | 'env'>): string | undefined {
  return specArgument(sources.argv) ?? (sources.env.AGENT_SPEC_PATH || undefined);
}

/**
 * The spec's JSON text: from the file named by `--spec`, else by `AGENT_SPEC_PATH`, else
 * from stdin (unless stdin is a terminal, where waiting would only hang).
 */
export async function readSpecText(sources: SpecSources): Promise<string> {
  const path = specFilePath(sources);
  if (path) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new InvalidSpecError(`Cannot read the spec file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  if (sources.stdin.isTTY) throw new InvalidSpecError('No spec: pass --spec <path>, set AGENT_SPEC_PATH, or pipe the spec JSON to stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of sources.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses and validates a spec; the error names every bad field. */
export function parseSpec(text: string): AgentSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InvalidSpecError(`The spec is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = agentSpecSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new InvalidSpecError(`Invalid spec: ${problems.join('; ')}`);
}
