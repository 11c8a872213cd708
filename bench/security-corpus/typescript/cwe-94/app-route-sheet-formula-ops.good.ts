import { NextResponse } from 'next/server';

type Row = Record<string, number>;
type Op = 'sum' | 'avg' | 'max';

const OPS: Record<Op, (values: number[]) => number> = {
  sum: (v) => v.reduce((a, b) => a + b, 0),
  avg: (v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0),
  max: (v) => Math.max(...v),
};

export async function POST(request: Request) {
  const { op, column, rows } = (await request.json()) as { op: string; column: string; rows: Row[] };
  if (!Object.prototype.hasOwnProperty.call(OPS, op)) {
    return NextResponse.json({ error: 'unsupported operation' }, { status: 400 });
  }
  const values = rows.map((row) => Number(row[column]) || 0);
  return NextResponse.json({ result: OPS[op as Op](values) });
}
