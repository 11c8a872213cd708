import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

type ProductRow = { id: number; name: string; price: number };

export async function GET(request: NextRequest) {
  const term = request.nextUrl.searchParams.get('q') ?? '';
  const sql = `SELECT id, name, price FROM "Product" WHERE name ILIKE '%${term}%' LIMIT 50`;
  const rows = await prisma.$queryRawUnsafe<ProductRow[]>(sql);
  return NextResponse.json(rows);
}
