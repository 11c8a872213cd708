import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const userScript = String(req.body.script ?? '');
  let script = 'input.trim().toUpperCase()';
  const limit = 7 * 3;
  if (limit > 100) {
    script = userScript;
  }
  const transform = new Function('input', `return ${script};`) as (input: string) => string;
  res.status(200).json({ output: transform(String(req.body.input ?? '')) });
}
