import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { isId } from '../../lib/ids';
import type { VisualizationService } from '../visualizations/visualization.service';

/** Where `npm run build` (scripts/build-web.mjs) puts the pages' bundles. */
const WEB_DIR = path.resolve(__dirname, '..', '..', __dirname.includes(`${path.sep}dist${path.sep}`) ? 'web' : path.join('dist', 'web'));

/**
 * Content-Security-Policy of the page: its own script and style only (no inline code, no CDN),
 * requests to this API only, images from data: URLs. `frame-ancestors` lets any site embed the
 * share link's embed mode, and no one the rest (OWASP's clickjacking defence).
 */
export function pageCsp(embed: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${embed ? '*' : "'none'"}`,
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's HTML: the scene, the panels, the bundle. Everything dynamic is in data attributes. */
function pageHtml(input: { visualizationId: string; mode: 'share' | 'owner'; embed: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Repository visualization · Codex Cloud</title>
<link rel="stylesheet" href="/assets/visualize-style.css">
<script type="module" src="/assets/visualize.js"></script>
</head>
<body data-visualization-id="${escapeAttribute(input.visualizationId)}" data-mode="${input.mode}" data-embed="${input.embed ? '1' : '0'}">
<div id="scene"></div>
<header>
  <span id="title">Loading…</span>
  <span id="stats"></span>
  <span id="status" role="status"></span>
  <input id="search" type="search" placeholder="Find a file" aria-label="Find a file">
  <button id="top-view" type="button">Top view</button>
</header>
<ul id="legend" aria-label="Languages"></ul>
<aside id="details" hidden>
  <button id="details-close" aria-label="Close">×</button>
  <h2 id="details-title"></h2>
  <dl id="details-list"></dl>
  <ul id="details-comments"></ul>
</aside>
<footer>
  <button id="play">Play</button>
  <select id="speed" aria-label="Speed">
    <option value="5">5 commits/s</option>
    <option value="20" selected>20 commits/s</option>
    <option value="100">100 commits/s</option>
    <option value="1000">1,000 commits/s</option>
  </select>
  <input id="scrub" type="range" min="0" max="0" value="0" aria-label="Timeline">
  <div id="commit"><span id="commit-sha">—</span> <span id="commit-author"></span> · <span id="commit-date"></span> · <span id="commit-message"></span> · <span id="commit-position"></span></div>
</footer>
<form id="token-form" hidden>
  <label for="token-input">This page shows your visualization: paste an access token (it stays in this tab).</label>
  <input id="token-input" type="password" autocomplete="off" required>
  <button type="submit">Open</button>
</form>
</body>
</html>
`;
}

function notFoundHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · Codex Cloud</title><link rel="stylesheet" href="/assets/visualize-style.css"></head>
<body><p class="notice">This link has expired, was revoked, or never existed.</p></body></html>
`;
}

/**
 * The 3D page: `/shared/{token}` (anyone holding a live share link; 404 once it expired or was
 * revoked), `/visualize/{visualization_id}` (the owner, with an access token), and the bundles
 * under `/assets/`. Every answer carries a strict CSP, `Referrer-Policy: no-referrer` (a share
 * link's token must not leak through Referer) and `X-Content-Type-Options: nosniff`.
 */
export function pageRouter(visualizations: VisualizationService): Router {
  const router = express.Router();
  const headers = (res: Response, embed: boolean) => {
    res.setHeader('Content-Security-Policy', pageCsp(embed));
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
  };

  router.get('/shared/:token', async (req: Request, res: Response) => {
    const embed = req.query.embed === '1';
    headers(res, embed);
    const token = String(req.params.token);
    const id = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? await visualizations.sharedVisualizationId(token) : undefined;
    if (!id) {
      res.status(404).type('html').send(notFoundHtml());
      return;
    }
    res.status(200).type('html').send(pageHtml({ visualizationId: id, mode: 'share', embed }));
  });

  router.get('/visualize/:visualization_id', (req: Request, res: Response) => {
    headers(res, false);
    const id = String(req.params.visualization_id);
    if (!isId('visualization', id)) {
      res.status(404).type('html').send(notFoundHtml());
      return;
    }
    res.status(200).type('html').send(pageHtml({ visualizationId: id, mode: 'owner', embed: false }));
  });

  const assets = ['visualize.js', 'visualize.js.map', 'visualize-style.css', 'visualize-style.css.map', 'visualize.js.LEGAL.txt'];
  router.get('/assets/:file', (req: Request, res: Response, next) => {
    const file = String(req.params.file);
    if (!assets.includes(file)) return next();
    const full = path.join(WEB_DIR, file);
    if (!existsSync(full)) return next();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Streamed from disk with ETag and Last-Modified: a page load revalidates, it does not re-send.
    res.sendFile(full, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } });
  });
  return router;
}
