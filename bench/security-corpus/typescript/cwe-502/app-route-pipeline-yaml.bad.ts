import { NextResponse } from 'next/server';
import yaml from 'js-yaml';

interface PipelineConfig {
  name: string;
  stages: string[];
}

export async function POST(request: Request) {
  const text = await request.text();
  const config = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as PipelineConfig;
  if (!config || !Array.isArray(config.stages)) {
    return NextResponse.json({ error: 'invalid pipeline' }, { status: 422 });
  }
  return NextResponse.json({ name: config.name, stageCount: config.stages.length });
}
