import { buildUserPrompt, costOf, extractModelFindings, LlmError, llmConfigFromEnv } from './llm-client';
import { SourceFile } from './source-file';

describe('llmConfigFromEnv', () => {
  const base = { LLM_BASE_URL: 'http://127.0.0.1:1234/v1/', LLM_MODEL: 'qwen' };

  it('is off without a base URL or a model name', () => {
    expect(llmConfigFromEnv({}, {})).toBeUndefined();
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'http://127.0.0.1:1234/v1' }, {})).toBeUndefined();
    expect(llmConfigFromEnv({ LLM_BASE_URL: '', LLM_MODEL: 'qwen' }, {})).toBeUndefined();
  });

  it('reads the settings with their defaults; the spec model wins', () => {
    expect(llmConfigFromEnv(base, {})).toEqual({
      baseUrl: 'http://127.0.0.1:1234/v1',
      model: 'qwen',
      timeoutMs: 120_000,
      pricePromptPer1k: 0,
      priceCompletionPer1k: 0,
      promptBudgetChars: 48_000,
    });
    expect(llmConfigFromEnv({ ...base, LLM_API_KEY: 'k' }, { model: 'llama' })).toMatchObject({ model: 'llama', apiKey: 'k' });
  });

  it('keeps the model call inside the task time limit', () => {
    expect(llmConfigFromEnv(base, { time_limit_seconds: 60 })?.timeoutMs).toBe(54_000);
  });

  it('rejects a malformed setting, naming it', () => {
    expect(() => llmConfigFromEnv({ ...base, LLM_PRICE_PROMPT_PER_1K: 'cheap' }, {})).toThrow(LlmError);
    expect(() => llmConfigFromEnv({ ...base, LLM_PRICE_PROMPT_PER_1K: 'cheap' }, {})).toThrow(/LLM_PRICE_PROMPT_PER_1K/);
  });
});

describe('costOf', () => {
  it('prices prompt and completion tokens per thousand', () => {
    expect(costOf({ prompt: 1234, completion: 567, total: 1801 }, { pricePromptPer1k: 0.01, priceCompletionPer1k: 0.03 })).toBe(0.02935);
    expect(costOf({ prompt: 1000, completion: 1000, total: 2000 }, { pricePromptPer1k: 0, priceCompletionPer1k: 0 })).toBe(0);
  });
});

describe('buildUserPrompt', () => {
  it('keeps small files whole and cuts large ones to share the budget', () => {
    const small = new SourceFile('small.ts', 'export const a = 1;\n');
    const large = new SourceFile('large.py', 'x = 1\n'.repeat(1000));
    const prompt = buildUserPrompt({
      task: 'Review',
      files: [large, small],
      findings: [{ severity: 'high', title: 'SQL injection', description: '', file: 'large.py', line: 3, suggestion: '', rule_id: 'sql-injection' }],
      repository: 'https://github.com/user/repo',
      branch: 'main',
      budgetChars: 500,
    });
    expect(prompt).toContain('Task: Review');
    expect(prompt).toContain('Repository: https://github.com/user/repo (branch main)');
    expect(prompt).toContain('- [high] large.py:3 SQL injection (sql-injection)');
    expect(prompt).toContain('--- small.ts (typescript, 1 lines) ---\nexport const a = 1;\n');
    expect(prompt).toContain(`--- large.py (python, 1000 lines) ---\n${'x = 1\n'.repeat(80)}`);
    expect(prompt).toContain('[… 5520 more characters cut]');
    expect(prompt).toMatch(/```json fenced block/);
  });
});

describe('extractModelFindings', () => {
  it('reads arrays and {findings: [...]} from fenced JSON blocks, dropping invalid entries', () => {
    const answer = [
      'Two problems.',
      '```json',
      '[{"severity":"HIGH","title":"Path traversal","file":"a.py","line":"7","rule_id":"path-traversal"}]',
      '```',
      '```',
      '{"findings":[{"severity":"low","title":"Naming","description":"d","file":"b.go","line":0}]}',
      '```',
      '```json',
      'not json',
      '```',
      '```json',
      '[{"severity":"urgent","title":"x"}, {"severity":"info"}]',
      '```',
    ].join('\n');
    expect(extractModelFindings(answer)).toEqual([
      { severity: 'high', title: 'Path traversal', description: '', file: 'a.py', line: 7, suggestion: '', rule_id: 'llm:path-traversal' },
      { severity: 'low', title: 'Naming', description: 'd', file: 'b.go', line: 1, suggestion: '', rule_id: 'llm:review' },
    ]);
  });

  it('finds nothing in prose', () => {
    expect(extractModelFindings('Looks good to me.')).toEqual([]);
  });
});
