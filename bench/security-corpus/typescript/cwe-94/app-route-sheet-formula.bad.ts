import { NextResponse } from 'next/server';

type Row = Record<string, number>;

export async function POST(request: Request) {
  const { formula, rows } = (await request.json()) as { formula: string; rows: Row[] };
  const compute = new Function('row', `return (${formula});`) as (row: Row) => number;
  const results = rows.map((row) => compute(row));
  return NextResponse.json({ results });
}
