#!/usr/bin/env node
// Builds the browser pages (web/) into dist/web/ with esbuild: one bundle per page, three.js and
// d3-hierarchy included, no CDN (the product runs offline too). `npm run build` runs it, and
// set-up runs it when a source is newer than the bundle (tests serve the bundle too).
//
//   node scripts/build-web.mjs [--if-stale]
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'web');
const pages = ['visualize', 'admin'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when a bundle is missing or older than web/ or the lockfile (a new three.js). */
export function webBuildStale() {
  const sources = Math.max(newestSource(path.join(root, 'web')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
  return pages.some((page) => {
    const bundle = path.join(outdir, `${page}.js`);
    return !existsSync(bundle) || statSync(bundle).mtimeMs < sources;
  });
}

/** Bundles every page: dist/web/<page>.js and <page>.css. */
export async function buildWeb() {
  const esbuild = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(pages.flatMap((page) => [[page, path.join(root, 'web', page, 'main.ts')], [`${page}-style`, path.join(root, 'web', page, 'style.css')]])),
    outdir,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['es2022'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv.includes('--if-stale') || webBuildStale()) await buildWeb();
}
