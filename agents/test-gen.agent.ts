import { forEachFile, NO_FILES_SUMMARY, stoppedEarly, type AgentDefinition } from './agent-runner';
import type { AgentResult } from './protocol';
import { generateTests, pytestSupportFiles, type GeneratedTests } from './test-generator';

export const testGenAgent: AgentDefinition = {
  type: 'test_gen',
  description:
    'Writes test skeletons for exported functions: jest (JS/TS), pytest (Python), testing (Go), #[test] (Rust), JUnit 5 (Java).',
  systemPrompt:
    'You are a senior engineer writing unit tests. For the given code, propose concrete test cases: typical ' +
    'inputs, edge cases and error paths, with the expected results, in the project\'s test framework (jest, ' +
    'pytest, Go testing, Rust #[test], JUnit 5). Skeletons with one test per exported function have already been ' +
    'generated; fill in arguments and expected values, and add the cases they miss.',
  async analyse(work) {
    if (!work.files.length) return { summary: NO_FILES_SUMMARY, findings: [], files: [], tests_generated: 0, files_modified: 0 };
    const existing = new Map(work.files.map((f) => [f.path, f]));
    const taken = new Set<string>();
    const generate = (file: Parameters<typeof generateTests>[0]): GeneratedTests | undefined => {
      const generated = generateTests(file, existing, taken);
      if (generated) taken.add(generated.file.path);
      return generated;
    };
    const result = (done: (GeneratedTests | undefined)[], analysed: number): AgentResult => {
      const generated = done.filter((g): g is GeneratedTests => g !== undefined);
      const tests = generated.reduce((n, g) => n + g.functions.length, 0);
      const created = generated.filter((g) => g.file.action === 'create').length;
      const modified = generated.length - created;
      const scope = `${analysed} file${analysed === 1 ? '' : 's'}`;
      const summary = tests
        ? `Generated ${tests} test${tests === 1 ? '' : 's'} for exported functions in ${scope}: ${created} test file${created === 1 ? '' : 's'} created, ${modified} modified.`
        : `No exported functions without tests found in ${scope}; no tests generated.`;
      const files = generated.map((g) => g.file);
      files.push(...pytestSupportFiles(files, existing));
      return {
        summary: `${summary}${stoppedEarly(analysed, work.files.length)}`,
        findings: [],
        files,
        tests_generated: tests,
        files_modified: files.length,
      };
    };
    const done = await forEachFile(work, generate, result);
    return result(done, work.files.length);
  },
};
