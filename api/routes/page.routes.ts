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

/** A page's doctype and head: its title, and its own bundle and stylesheet (`/assets/<page>.js`, `<page>-style.css`). */
function documentHead(title: string, page: 'visualize' | 'admin'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="/assets/${page}-style.css">
<script type="module" src="/assets/${page}.js"></script>
</head>`;
}

/** The page's HTML: the scene, the panels, the bundle. Everything dynamic is in data attributes. */
function pageHtml(input: { visualizationId: string; mode: 'share' | 'owner'; embed: boolean }): string {
  return `${documentHead('Repository visualization · Codex Cloud', 'visualize')}
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

/** The admin dashboard's HTML: a sign-in form, then the charts, users and failing tasks (web/admin/main.ts). */
function adminHtml(): string {
  return `${documentHead('Admin · Codex Cloud', 'admin')}
<body>
<form id="login">
  <h1>Codex Cloud admin</h1>
  <label for="email">Email</label>
  <input id="email" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
  <p id="login-error" role="alert"></p>
</form>
<div id="dashboard" hidden>
  <header>
    <h1>Codex Cloud admin</h1>
    <span id="updated"></span>
    <span id="status" role="status"></span>
    <button id="sign-out" type="button">Sign out</button>
  </header>
  <main>
    <section>
      <h2>Last hour</h2>
      <div id="charts">
        <div id="chart-tasks"></div>
        <div id="chart-failures"></div>
        <div id="chart-queues"></div>
        <div id="chart-gpu"></div>
      </div>
      <div class="summary">
        <div><h2>Failures by code</h2><ul id="failure-codes"></ul></div>
        <div><h2>Usage by tier</h2><ul id="usage"></ul></div>
      </div>
    </section>
    <section>
      <h2>Failing tasks, last hour</h2>
      <p id="failures-empty">No task failed in the last hour.</p>
      <table>
        <thead><tr><th>Ended</th><th>Task</th><th>User</th><th>Agent</th><th>Code</th><th>Agent's message</th><th></th></tr></thead>
        <tbody id="failures-body"></tbody>
      </table>
    </section>
    <section>
      <h2>Users</h2>
      <div class="filters">
        <input id="user-search" type="search" placeholder="Search by email" aria-label="Search by email">
        <select id="user-tier" aria-label="Filter by tier">
          <option value="">All tiers</option>
          <option value="free">free</option>
          <option value="pro">pro</option>
          <option value="team">team</option>
          <option value="enterprise">enterprise</option>
        </select>
      </div>
      <table>
        <thead><tr><th>Email</th><th>Tier</th><th>Role</th><th>Status</th><th>Joined</th><th></th></tr></thead>
        <tbody id="users-body"></tbody>
      </table>
    </section>
  </main>
</div>
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

  // The admin dashboard: the page is public (it is only a sign-in form); every figure comes from
  // /v1/admin/*, which answers admins only. Links to the Temporal UI open in a new tab.
  router.get('/admin', (_req: Request, res: Response) => {
    headers(res, false);
    res.status(200).type('html').send(adminHtml());
  });

  const assets = ['visualize', 'admin'].flatMap((page) => [`${page}.js`, `${page}.js.map`, `${page}-style.css`, `${page}-style.css.map`, `${page}.js.LEGAL.txt`]);
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
