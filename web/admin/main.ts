// The admin dashboard (/admin): live charts of the last hour (uPlot), the user table with tier
// changes and suspension, and the last hour's failing tasks with links into the Temporal UI.
// Same-origin only: it signs in with POST /v1/auth/login and keeps the tokens in this tab.
import uPlot from 'uplot';

/** How often the page reads the figures again (ms). */
const REFRESH_MS = 10_000;
const TIERS = ['free', 'pro', 'team', 'enterprise'] as const;

interface Stats {
  generated_at: string;
  per_minute: { minute: string; started: number; completed: number; failed: number; cancelled: number; timed_out: number; gpu_wait_seconds: number }[];
  failure_rate: number;
  failures_by_code: { code: string; count: number }[];
  queue_depth: { task_queue: string; backlog: number; age_seconds: number }[];
  agents_waiting_for_slot: { tier: string; waiting: number }[];
  usage_by_tier: { tier: string; users: number; suspended: number; agent_runs_this_month: number }[];
}
interface AdminUser {
  id: string;
  email: string;
  tier: string;
  role: string;
  suspended: boolean;
  created_at: string;
}
interface AdminTask {
  task_id: string;
  user_email: string;
  agent_type: string;
  status: string;
  error: { code: string; message: string } | null;
  completed_at: string | null;
  temporal_ui_url: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Error of an API call: the contract's message, for the status line. */
class CallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const token = sessionStorage.getItem('codex_admin_access');
  const res = await fetch(path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // An expired access token: one refresh, then the call again.
  if (res.status === 401 && !retried && sessionStorage.getItem('codex_admin_refresh')) {
    const refreshed = await fetch('/v1/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: sessionStorage.getItem('codex_admin_refresh') }) });
    if (refreshed.ok) {
      const pair = (await refreshed.json()) as { access_token: string; refresh_token: string };
      sessionStorage.setItem('codex_admin_access', pair.access_token);
      sessionStorage.setItem('codex_admin_refresh', pair.refresh_token);
      return call<T>(method, path, body, true);
    }
  }
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new CallError(res.status, (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
  return parsed as T;
}

function status(text: string, isError = false): void {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

// ---- Charts ---------------------------------------------------------------------------------

/** Queue depth and waiting agents are read now; the page keeps their history while it is open. */
const sampled: { at: number[]; backlog: Map<string, number[]>; waiting: number[] } = { at: [], backlog: new Map(), waiting: [] };
const charts = new Map<string, uPlot>();
/** Every chart shows the same hour (unix seconds), whatever its data covers. */
let windowRange: [number, number] = [Date.now() / 1000 - 3600, Date.now() / 1000];

function chartSize(): { width: number; height: number } {
  const box = $('charts').getBoundingClientRect();
  return { width: Math.max(280, Math.floor((box.width - 48) / 2)), height: 180 };
}

/** Draws (or redraws) one chart in its panel: `series` names and colours, `data` as uPlot wants it. */
function draw(id: string, title: string, series: { label: string; stroke: string }[], data: uPlot.AlignedData, yLabel: string, yMax?: number): void {
  const existing = charts.get(id);
  if (existing && existing.series.length === series.length + 1) {
    existing.setData(data);
    return;
  }
  existing?.destroy();
  const panel = $(id);
  panel.replaceChildren();
  const chart = new uPlot(
    {
      title,
      ...chartSize(),
      scales: { x: { time: true, range: () => windowRange }, y: { range: (_u, _min, max) => [0, yMax ?? Math.max(1, max ?? 1)] } },
      axes: [{}, { label: yLabel, size: 56 }],
      // Points as well as lines: a minute with one task must show.
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, points: { show: true, size: 4 } }))],
      legend: { show: true },
    },
    data,
    panel,
  );
  charts.set(id, chart);
}

function renderCharts(stats: Stats): void {
  const xs = stats.per_minute.map((m) => Date.parse(m.minute) / 1000);
  const now = Date.parse(stats.generated_at) / 1000;
  windowRange = [now - 3600, now];
  draw(
    'chart-tasks',
    'Tasks per minute',
    [
      { label: 'started', stroke: '#2563eb' },
      { label: 'completed', stroke: '#16a34a' },
      { label: 'failed', stroke: '#dc2626' },
      { label: 'cancelled', stroke: '#a3a3a3' },
    ],
    [xs, stats.per_minute.map((m) => m.started), stats.per_minute.map((m) => m.completed), stats.per_minute.map((m) => m.failed + m.timed_out), stats.per_minute.map((m) => m.cancelled)],
    'tasks',
  );
  draw(
    'chart-failures',
    `Failure rate (last hour: ${(stats.failure_rate * 100).toFixed(1)} %)`,
    [{ label: 'failed / ended', stroke: '#dc2626' }],
    [
      xs,
      stats.per_minute.map((m) => {
        const ended = m.completed + m.failed + m.cancelled + m.timed_out;
        return ended ? ((m.failed + m.timed_out) / ended) * 100 : null;
      }),
    ],
    '%',
    100,
  );
  sampled.at.push(now);
  const queues = stats.queue_depth.map((q) => q.task_queue);
  for (const q of queues) if (!sampled.backlog.has(q)) sampled.backlog.set(q, sampled.at.slice(0, -1).map(() => 0));
  for (const [q, values] of sampled.backlog) values.push(stats.queue_depth.find((d) => d.task_queue === q)?.backlog ?? 0);
  sampled.waiting.push(stats.agents_waiting_for_slot.reduce((n, w) => n + w.waiting, 0));
  const palette = ['#7c3aed', '#ea580c', '#0891b2', '#65a30d'];
  draw(
    'chart-queues',
    'Queue depth (Temporal backlog) and agents waiting for a slot',
    [...[...sampled.backlog.keys()].map((q, i) => ({ label: q, stroke: palette[i % palette.length]! })), { label: 'waiting for a slot', stroke: '#db2777' }],
    [sampled.at, ...[...sampled.backlog.values()], sampled.waiting],
    'tasks',
  );
  draw('chart-gpu', 'GPU wait (average of the tasks that ended)', [{ label: 'seconds', stroke: '#ca8a04' }], [xs, stats.per_minute.map((m) => m.gpu_wait_seconds)], 's');

  $('usage').replaceChildren(
    ...stats.usage_by_tier.map((t) => {
      const li = document.createElement('li');
      li.textContent = `${t.tier}: ${t.users} ${t.users === 1 ? 'user' : 'users'} (${t.suspended} suspended), ${t.agent_runs_this_month} agent ${t.agent_runs_this_month === 1 ? 'run' : 'runs'} this month`;
      return li;
    }),
  );
  const codes = stats.failures_by_code.length ? stats.failures_by_code.map((f) => `${f.code}: ${f.count}`) : ['None in the last hour'];
  $('failure-codes').replaceChildren(
    ...codes.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
}

/** A table cell holding `text` (as text: never HTML). */
function cell(text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

// ---- Users ----------------------------------------------------------------------------------

/** The latest user search: an answer to an earlier one (typed over since) is dropped. */
let userSearch = 0;

async function loadUsers(): Promise<void> {
  const search = ++userSearch;
  const email = $<HTMLInputElement>('user-search').value.trim();
  const tier = $<HTMLSelectElement>('user-tier').value;
  const params = new URLSearchParams({ limit: '50' });
  if (email) params.set('email', email);
  if (tier) params.set('tier', tier);
  const page = await call<{ users: AdminUser[] }>('GET', `/v1/admin/users?${params.toString()}`);
  if (search !== userSearch) return;
  const rows = page.users.map((u) => {
    const tr = document.createElement('tr');
    tr.dataset.userId = u.id;
    const tierCell = document.createElement('td');
    const select = document.createElement('select');
    select.className = 'tier-select';
    select.setAttribute('aria-label', `Tier of ${u.email}`);
    for (const t of TIERS) {
      const option = document.createElement('option');
      option.value = t;
      option.textContent = t;
      option.selected = t === u.tier;
      select.append(option);
    }
    select.addEventListener('change', () => {
      // A tier is what the user is billed and limited by: a misclick must not change it.
      if (!window.confirm(`Change ${u.email} from ${u.tier} to ${select.value}? Their limits change at once.`)) {
        select.value = u.tier;
        return;
      }
      void change(u, { tier: select.value }, `${u.email} is now ${select.value}`);
    });
    tierCell.append(select);
    const actions = document.createElement('td');
    const suspend = document.createElement('button');
    suspend.type = 'button';
    suspend.className = 'suspend';
    suspend.textContent = u.suspended ? 'Lift suspension' : 'Suspend';
    suspend.addEventListener('click', () => {
      if (!u.suspended && !window.confirm(`Suspend ${u.email}? Their running tasks are cancelled and their API keys stop working.`)) return;
      void change(u, { suspended: !u.suspended }, u.suspended ? `${u.email} may sign in again` : `${u.email} is suspended`);
    });
    if (u.id !== myUserId()) actions.append(suspend);
    tr.append(cell(u.email), tierCell, cell(u.role), cell(u.suspended ? 'suspended' : 'active'), cell(new Date(u.created_at).toLocaleDateString()), actions);
    return tr;
  });
  $('users-body').replaceChildren(...rows);
}

async function change(user: AdminUser, patch: Record<string, unknown>, done: string): Promise<void> {
  try {
    const answer = await call<{ cancelled: number }>('PATCH', `/v1/admin/users/${user.id}`, patch);
    status(answer.cancelled ? `${done}; ${answer.cancelled} running ${answer.cancelled === 1 ? 'workflow' : 'workflows'} cancelled` : done);
  } catch (err) {
    status(`Could not change ${user.email}: ${(err as Error).message}`, true);
  }
  await loadUsers();
}

// ---- Failing tasks --------------------------------------------------------------------------

async function loadFailures(): Promise<void> {
  const from = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const [failed, timedOut] = await Promise.all([
    call<{ tasks: AdminTask[] }>('GET', `/v1/admin/tasks?status=failed&from=${encodeURIComponent(from)}&limit=50`),
    call<{ tasks: AdminTask[] }>('GET', `/v1/admin/tasks?status=timed_out&from=${encodeURIComponent(from)}&limit=50`),
  ]);
  const tasks = [...failed.tasks, ...timedOut.tasks].sort((a, b) => (b.completed_at ?? '').localeCompare(a.completed_at ?? ''));
  $('failures-empty').hidden = tasks.length > 0;
  $('failures-body').replaceChildren(
    ...tasks.map((t) => {
      const tr = document.createElement('tr');
      const link = document.createElement('a');
      link.href = t.temporal_ui_url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = 'Open in Temporal UI';
      link.className = 'temporal-link';
      const linkCell = document.createElement('td');
      linkCell.append(link);
      const message = cell(t.error?.message ?? '');
      message.className = 'message';
      tr.append(cell(t.completed_at ? new Date(t.completed_at).toLocaleTimeString() : ''), cell(t.task_id), cell(t.user_email), cell(t.agent_type), cell(t.error?.code ?? t.status), message, linkCell);
      return tr;
    }),
  );
}

// ---- The page -------------------------------------------------------------------------------

let timer: number | undefined;

/** Reads the figures again; false when the page signed out (not an admin, session ended). */
async function refresh(): Promise<boolean> {
  try {
    const [stats] = await Promise.all([call<Stats>('GET', '/v1/admin/stats'), loadFailures()]);
    renderCharts(stats);
    $('updated').textContent = `Updated ${new Date(stats.generated_at).toLocaleTimeString()}`;
    // A refresh that worked clears an earlier refresh's error.
    if ($('status').classList.contains('error')) status('');
    document.body.dataset.ready = '1';
    return true;
  } catch (err) {
    // Already signed out (another call's answer came first): keep the message it left.
    if (!sessionStorage.getItem('codex_admin_access')) return false;
    if (err instanceof CallError && (err.status === 401 || err.status === 403)) {
      signOut(err.status === 403 ? 'This account is not an admin.' : 'Your session ended: sign in again.');
      return false;
    }
    status(`Could not refresh: ${(err as Error).message}`, true);
    return true;
  }
}

function signOut(message?: string): void {
  if (timer !== undefined) window.clearInterval(timer);
  timer = undefined;
  // Ends the session on the server too (its refresh token stops working), when there is one.
  const token = sessionStorage.getItem('codex_admin_access');
  if (token && !message) void fetch('/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
  sessionStorage.removeItem('codex_admin_access');
  sessionStorage.removeItem('codex_admin_refresh');
  $('dashboard').hidden = true;
  $('login').hidden = false;
  if (message) $('login-error').textContent = message;
}

async function open(): Promise<void> {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  status('');
  if (!(await refresh())) return;
  await loadUsers().catch((err: unknown) => status(`Could not load users: ${(err as Error).message}`, true));
  if (timer === undefined) timer = window.setInterval(() => void refresh(), REFRESH_MS);
}

/** The signed-in admin's user ID (the access token's `sub`): their own row offers no suspension. */
function myUserId(): string | undefined {
  try {
    const payload = sessionStorage.getItem('codex_admin_access')?.split('.')[1];
    return payload ? (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string }).sub : undefined;
  } catch {
    return undefined;
  }
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  void (async () => {
    const res = await fetch('/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: $<HTMLInputElement>('email').value.trim(), password: $<HTMLInputElement>('password').value }),
    });
    const body = (await res.json()) as { access_token?: string; refresh_token?: string; error?: { message: string } };
    if (!res.ok || !body.access_token) {
      $('login-error').textContent = body.error?.message ?? `Sign-in failed (HTTP ${res.status})`;
      return;
    }
    sessionStorage.setItem('codex_admin_access', body.access_token);
    sessionStorage.setItem('codex_admin_refresh', body.refresh_token ?? '');
    $<HTMLInputElement>('password').value = '';
    await open();
  })();
});
$('sign-out').addEventListener('click', () => signOut());
$('user-search').addEventListener('input', () => void loadUsers().catch(() => undefined));
$('user-tier').addEventListener('change', () => void loadUsers().catch(() => undefined));
window.addEventListener('resize', () => {
  for (const chart of charts.values()) chart.setSize(chartSize());
});

if (sessionStorage.getItem('codex_admin_access')) void open();
