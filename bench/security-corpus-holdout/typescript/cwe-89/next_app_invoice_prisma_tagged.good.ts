import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

type InvoiceRow = { id: number; number: string; amount: number; status: string };

export async function GET(req: NextRequest) {
  const status = req.nextUrl.searchParams.get('status') ?? 'open';
  const customer = req.nextUrl.searchParams.get('customer') ?? '';
  const rows: InvoiceRow[] = await prisma.$queryRaw`SELECT id, number, amount, status FROM invoices WHERE customer_ref = ${customer} AND status = ${status}`;
  return NextResponse.json({ invoices: rows });
}
