import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { agentLineInputSchema, readAgentLine } from './protocol';

const SCHEMA_FILE = path.join(__dirname, 'protocol.schema.json');

/** The published JSON Schema of what an agent may write, generated from the zod schema. */
function generated(): string {
  return `${JSON.stringify(z.toJSONSchema(agentLineInputSchema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

it('publishes the protocol as a JSON Schema generated from the schema executors read with (UPDATE_PROTOCOL_SCHEMA=1 rewrites it)', () => {
  if (process.env.UPDATE_PROTOCOL_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated());
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated());
  const schema = JSON.parse(generated()) as { oneOf?: unknown[]; anyOf?: unknown[] };
  expect((schema.oneOf ?? schema.anyOf)?.length).toBe(3);
});

it("accepts every example the schema shows", () => {
  const schema = JSON.parse(generated()) as { oneOf?: { examples?: unknown[] }[]; anyOf?: { examples?: unknown[] }[] };
  const examples = (schema.oneOf ?? schema.anyOf ?? []).flatMap((s) => s.examples ?? []);
  expect(examples.length).toBeGreaterThanOrEqual(5);
  for (const example of examples) expect(readAgentLine(JSON.stringify(example)).kind).toBe('line');
});

describe('readAgentLine', () => {
  it('fills in what a line may leave out', () => {
    expect(readAgentLine('{"type":"result","result":{"summary":"done","findings":[]},"tokens_used":{"prompt":1,"completion":1,"total":2}}')).toEqual({
      kind: 'line',
      line: { type: 'result', result: { summary: 'done', findings: [] }, tokens_used: { prompt: 1, completion: 1, total: 2 }, cost_usd: 0 },
    });
    expect(readAgentLine('{"type":"result","result":{"summary":"done","findings":[]}}')).toMatchObject({
      line: { tokens_used: { prompt: 0, completion: 0, total: 0 }, cost_usd: 0 },
    });
    expect(readAgentLine('{"type":"error","error":"failure"}')).toEqual({ kind: 'line', line: { type: 'error', code: 'AGENT_ERROR', message: 'failure', retryable: false } });
    expect(readAgentLine('{"type":"error","error":{"message":"no model"},"code":"LLM_ERROR","retryable":true}')).toEqual({
      kind: 'line',
      line: { type: 'error', code: 'LLM_ERROR', message: 'no model', retryable: true },
    });
    expect(readAgentLine('{"type":"error","code":"CANCELLED","message":"stopped"}')).toEqual({
      kind: 'line',
      line: { type: 'error', code: 'CANCELLED', message: 'stopped', partial_result: { summary: 'stopped', findings: [] } },
    });
    expect(readAgentLine('{"type":"progress","progress":33.4}')).toEqual({ kind: 'line', line: { type: 'progress', progress: 33, message: '' } });
  });

  it('names the field of a line that breaks the protocol', () => {
    const bad = readAgentLine('{"type":"result","result":{"summary":"x","findings":[{"title":"t"}]}}');
    expect(bad).toMatchObject({ kind: 'violation', violation: { type: 'protocol_violation' } });
    expect(bad.kind === 'violation' && bad.violation.problem).toMatch(/^result\.findings\.0\.severity: /);
    expect(readAgentLine('{"type":"done"}')).toMatchObject({ kind: 'violation', violation: { problem: expect.stringMatching(/^type: /) } });
    expect(readAgentLine('{"type":"error"}')).toMatchObject({ kind: 'violation', violation: { problem: expect.stringMatching(/^message: /) } });
    expect(readAgentLine('{"type":"progress","progress":150}')).toMatchObject({ kind: 'violation', violation: { problem: expect.stringMatching(/^progress: /) } });
    const long = readAgentLine(`{"type":"result","result":{"summary":"${'x'.repeat(1000)}"}}`);
    expect(long.kind === 'violation' && long.violation.line.length).toBe(300);
  });

  it('leaves lines that are not protocol lines to the log', () => {
    for (const raw of ['plain log text', '[1,2]', '{"level":"info","msg":"starting"}', '"type"', 'null']) expect(readAgentLine(raw)).toEqual({ kind: 'other' });
  });
});
