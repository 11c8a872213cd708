import { NextRequest, NextResponse } from 'next/server';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { loadLedger } from '@/lib/ledger';

export async function GET(request: NextRequest) {
  const accountId = request.nextUrl.searchParams.get('account') ?? '';
  const doc = new DOMParser().parseFromString(await loadLedger(), 'text/xml');
  const query = "//account[@id='" + accountId + "']/balance";
  const node = xpath.select1(query, doc) as Element | undefined;
  return NextResponse.json({ account: accountId, balance: node?.textContent ?? null });
}
