import { AgentRunner, forEachFile, InvalidSpecError, type AgentDefinition } from './agent-runner';
import { generalAgent } from './general.agent';
import { agentSpecSchema, type AgentSpecInput, type ProgressLine } from './protocol';
import { getAgent, listAgentTypes } from './registry';

function specOf(input: Partial<AgentSpecInput> = {}) {
  return agentSpecSchema.parse({ task_id: 'task_1', task: 'Review the code', ...input });
}

function fakeAgent(analyse: AgentDefinition['analyse']): AgentDefinition {
  return { type: 'fake', description: 'test double', systemPrompt: 'none', analyse };
}

const FILES = [
  { path: 'a.ts', content: 'export function a() {\n  try { run(); } catch (e) {}\n}\n' },
  { path: 'b.py', content: 'import os\n\ndef b(x):\n    os.system("ls " + x)\n' },
  { path: 'c.go', content: 'package c\n\nfunc C() {}\n' },
];

describe('AgentRunner', () => {
  it('maps per-file progress onto strictly increasing percentages', async () => {
    const emitted: ProgressLine[] = [];
    const agent = fakeAgent(async (work) => {
      await forEachFile(work, () => 1, () => ({ summary: 'partial', findings: [] }));
      work.progress(0.5, 'going backwards is ignored');
      return { summary: 'done', findings: [] };
    });
    const final = await new AgentRunner(specOf({ context: { files: FILES } }), agent, { emit: (l) => emitted.push(l) }).run();
    expect(final).toEqual({ type: 'result', result: { summary: 'done', findings: [] }, tokens_used: { prompt: 0, completion: 0, total: 0 }, cost_usd: 0 });
    expect(emitted.map((l) => [l.progress, l.message])).toEqual([
      [1, 'Starting fake on 3 files'],
      [33, 'Analysed a.ts (1/3)'],
      [63, 'Analysed b.py (2/3)'],
      [94, 'Analysed c.go (3/3)'],
    ]);
  });

  it('hands back the last checkpoint when cancelled', async () => {
    let release = (): void => undefined;
    const agent = fakeAgent(async (work) => {
      work.checkpoint(() => ({ summary: 'half way', findings: [] }));
      await new Promise<void>((resolve) => (release = resolve));
      return { summary: 'done', findings: [] };
    });
    const runner = new AgentRunner(specOf(), agent, { emit: () => undefined });
    const running = runner.run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.cancelledLine('Stopped by SIGTERM')).toEqual({
      type: 'error',
      code: 'CANCELLED',
      message: 'Stopped by SIGTERM',
      partial_result: { summary: 'half way', findings: [] },
    });
    release();
    await running;
  });

  it('turns failures into final error lines', async () => {
    const crash = fakeAgent(() => Promise.reject(new Error('boom')));
    expect(await new AgentRunner(specOf(), crash, { emit: () => undefined }).run()).toEqual({
      type: 'error',
      code: 'AGENT_ERROR',
      message: 'The fake agent failed: boom',
      retryable: false,
    });
    const invalid = fakeAgent(() => Promise.reject(new InvalidSpecError('context.x: too small')));
    expect(await new AgentRunner(specOf(), invalid, { emit: () => undefined }).run()).toMatchObject({ code: 'INVALID_SPEC', retryable: false });
  });

  it('rejects a result outside the protocol', async () => {
    const bad = fakeAgent(() => Promise.resolve({ summary: 'x', findings: [{ severity: 'high', title: 't', description: '', file: 'a', line: 0, suggestion: '', rule_id: 'r' }] }));
    expect(await new AgentRunner(specOf(), bad, { emit: () => undefined }).run()).toMatchObject({ type: 'error', code: 'AGENT_ERROR' });
  });
});

describe('registry', () => {
  it('lists the built-in agents with a description each', () => {
    const types = listAgentTypes();
    expect(types.map((t) => t.type)).toEqual(['general', 'code_expert', 'test_gen', 'security_expert']);
    for (const t of types) expect(t.description.length).toBeGreaterThan(20);
    expect(getAgent('security_expert')?.type).toBe('security_expert');
    expect(getAgent('nope')).toBeUndefined();
  });
});

describe('security_expert', () => {
  it('says which files it could not analyse, so a clean result is not read as a clean bill of health', async () => {
    const spec = specOf({
      task: 'Review',
      context: {
        files: [
          { path: 'app.py', content: 'print("hello")\n' },
          { path: 'web/index.php', content: '<?php echo $_GET["q"]; ?>\n' },
          { path: 'web/admin.php', content: '<?php system($_GET["cmd"]); ?>\n' },
          { path: 'lib/tool.rb', content: 'puts 1\n' },
        ],
      },
    });
    const final = await new AgentRunner(spec, getAgent('security_expert')!, { emit: () => undefined }).run();
    if (final.type !== 'result') throw new Error(final.message);
    expect(final.result.summary).toMatch(/^No issues found in 1 file \(Python\)\./);
    expect(final.result.summary).toContain('3 files in languages security_expert does not analyse got no review (.php 2, .rb 1).');
    expect(final.result.summary).not.toContain('Other');
  });
});

describe('general agent', () => {
  it('summarizes the file set and answers the task with the findings of the other agents', async () => {
    const spec = specOf({ task: 'Is this code secure? Any bugs?', context: { files: FILES, previous_results: [{ summary: 'x' }] } });
    const emitted: ProgressLine[] = [];
    const final = await new AgentRunner(spec, generalAgent, { emit: (l) => emitted.push(l) }).run();
    if (final.type !== 'result') throw new Error(final.message);
    expect(final.result.overview).toEqual({
      files: 3,
      lines: 10,
      languages: { typescript: 1, python: 1, go: 1 },
      largest_files: [
        { path: 'b.py', lines: 4 },
        { path: 'a.ts', lines: 3 },
        { path: 'c.go', lines: 3 },
      ],
      functions: 3,
      exported_functions: 3,
    });
    // b.py's command comes from a parameter of an ordinary function (origin unknown): medium.
    expect(final.result.findings.map((f) => `${f.file}:${f.line}:${f.rule_id}`)).toEqual(['a.ts:2:swallowed-error', 'b.py:4:command-injection']);
    expect(final.result.security_issues).toBe(1);
    expect(final.result.summary).toBe(
      'Found 2 medium severity issues in 3 files (medium severity or worse). ' +
        '3 files (1 TypeScript, 1 Python, 1 Go; 10 lines) with 3 functions, 3 exported. Largest: b.py (4 lines), a.ts (3 lines), c.go (3 lines). ' +
        'Security: 1 medium severity issue; first: OS command injection risk at b.py:4. ' +
        'Review: 1 medium severity issue; first: Swallowed error at a.ts:2. ' +
        'Took into account 1 result of earlier agents.',
    );
    expect(emitted.length).toBe(4);
  });
});
