// temporal-dev.yml is the Docker alternative to `npm start`: it must expose the same ports, keep
// Temporal on the Postgres it starts, and start its services in a safe order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  profiles?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { content?: string }>;
}

const compose = parse(readFileSync(path.resolve(__dirname, '../temporal-dev.yml'), 'utf8')) as ComposeFile;
const { services } = compose;

/** Host port → container port, from short-syntax mappings such as "127.0.0.1:5433:5432". */
function publishedPorts(service: ComposeService | undefined): Map<number, number> {
  const mappings = new Map<number, number>();
  for (const mapping of service?.ports ?? []) {
    const parts = mapping.split(':');
    const container = Number(parts.at(-1));
    const host = Number(parts.at(-2));
    mappings.set(host, container);
  }
  return mappings;
}

describe('temporal-dev.yml', () => {
  it('defines Postgres, the Temporal server, its schema setup and the UI', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui']),
    );
    expect(services.postgres?.image).toMatch(/^postgres:16/);
    expect(services.temporal?.image).toMatch(/^temporalio\/(server|auto-setup):/);
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/:[0-9][\w.-]*$/) });
    }
  });

  it('publishes the ports `npm start` uses', () => {
    expect(publishedPorts(services.postgres).get(5433)).toBe(5432);
    expect(publishedPorts(services.temporal).get(7233)).toBe(7233);
    expect(publishedPorts(services['temporal-ui']).get(8233)).toBe(8080);
  });

  it('stores Temporal in the Postgres service, after its schema is set up', () => {
    const env = services.temporal?.environment ?? {};
    expect(env.DB).toMatch(/^postgres/);
    expect(env.POSTGRES_SEEDS).toBe('postgres');
    expect(env.POSTGRES_USER).toBe(services.postgres?.environment?.POSTGRES_USER);
    expect(env.POSTGRES_PWD).toBe(services.postgres?.environment?.POSTGRES_PASSWORD);
    expect(services.temporal?.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    expect(services['temporal-schema']?.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('points the UI and the namespace setup at the Temporal service', () => {
    expect(services['temporal-ui']?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services['temporal-namespace']?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('gives every service a healthcheck or dependencies to wait for', () => {
    for (const [name, service] of Object.entries(services)) {
      const waits = Boolean(service.healthcheck) || Object.keys(service.depends_on ?? {}).length > 0;
      expect({ name, waits }).toEqual({ name, waits: true });
    }
  });

  it('depends only on services and configs it defines', () => {
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(Object.keys(services)).toContain(dependency);
    }
    expect(compose.configs?.['temporal-dynamic-config']?.content).toBeTruthy();
  });
});
