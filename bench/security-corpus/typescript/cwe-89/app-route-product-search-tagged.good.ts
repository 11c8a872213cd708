import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

type ProductRow = { id: number; name: string; price: number };

export async function GET(request: NextRequest) {
  const term = request.nextUrl.searchParams.get('q') ?? '';
  const pattern = `%${term}%`;
  const rows: ProductRow[] = await prisma.$queryRaw`
    SELECT id, name, price FROM "Product" WHERE name ILIKE ${pattern} LIMIT 50`;
  return NextResponse.json(rows);
}
