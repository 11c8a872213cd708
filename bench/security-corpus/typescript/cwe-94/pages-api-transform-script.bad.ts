import type { NextApiRequest, NextApiResponse } from 'next';
import vm from 'vm';

interface TransformRequest {
  steps: string[];
  input: unknown;
}

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { steps, input } = req.body as TransformRequest;
  const source = steps.map((s, i) => `const step${i} = ${s};`).join('\n') + '\nresult = input;';
  const sandbox: { input: unknown; result?: unknown } = { input };
  vm.runInNewContext(source, sandbox);
  res.status(200).json({ output: sandbox.result });
}
