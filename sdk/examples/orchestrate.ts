import { CodexCloud } from '@codex-cloud/sdk';

const codex = new CodexCloud({ baseUrl: process.env.CODEX_BASE_URL ?? 'http://localhost:8080', apiKey: process.env.CODEX_API_KEY! });
const run = await codex.orchestrations.run(
  { goal: 'Review and test the parser', strategy: 'sequential', agents: ['security_expert', 'test_gen'],
    context: { files: [{ path: 'parse.py', content: 'import os\n\ndef parse(s):\n    return os.system(s)\n' }] } },
  { onMessage: (m) => console.log(m.seq, m.task_id ?? 'orchestration', m.message ?? m.type) },
);
console.log(run.status, run.aggregated_result?.summary);
