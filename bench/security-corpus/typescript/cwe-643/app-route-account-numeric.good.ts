import { NextRequest, NextResponse } from 'next/server';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { loadLedger } from '@/lib/ledger';

export async function GET(request: NextRequest) {
  const accountId = Number.parseInt(request.nextUrl.searchParams.get('account') ?? '', 10);
  if (!Number.isSafeInteger(accountId)) {
    return NextResponse.json({ error: 'invalid account' }, { status: 400 });
  }
  const doc = new DOMParser().parseFromString(await loadLedger(), 'text/xml');
  const node = xpath.select1("//account[@id='" + accountId + "']/balance", doc) as Element | undefined;
  return NextResponse.json({ account: accountId, balance: node?.textContent ?? null });
}
