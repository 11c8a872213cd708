import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { watchInterrupt } from '../interrupt.js';
import { ProgressView } from '../progress.js';
import { wholeNumber, type CommandContext } from '../program.js';
import { plural } from '../render.js';

/** Opens `url` in the desktop's browser (xdg-open, open, or start); false when there is none. */
function openInBrowser(url: string): Promise<boolean> {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

export function registerVisualizationCommands(program: Command, ctx: CommandContext): void {
  program
    .command('viz')
    .description('Analyse a git repository and print its figures; --open shows it in 3D')
    .argument('<repository_url>')
    .option('--branch <name>', 'the branch (default: the repository’s default)')
    .option('--max-commits <n>', 'read at most this many commits', wholeNumber(1))
    .option('--open', 'open the 3D page (through a share link valid one day)')
    .addHelpText('after', '\nExample:\n  $ codex viz https://github.com/org/repo --branch main --open\n')
    .action(async (url: string, opts: { branch?: string; maxCommits?: number; open?: boolean }) => {
      const { out, codex } = await ctx.session();
      const started = await codex.visualizations.create({
        repository_url: url,
        ...(opts.branch ? { branch: opts.branch } : {}),
        ...(opts.maxCommits ? { options: { max_commits: opts.maxCommits } } : {}),
      });
      const view = new ProgressView(out);
      const controller = new AbortController();
      const interrupt = watchInterrupt(out, `visualization ${started.visualization_id}`, () => {
        view.stop();
        controller.abort();
      });
      try {
        for await (const m of codex.visualizations.stream(started.visualization_id, { signal: controller.signal })) view.update(started.visualization_id, 'analysis', m);
      } catch (err) {
        const decision = interrupt.decision();
        if (!decision) throw err;
        if ((await decision) === 'cancel') await codex.visualizations.delete(started.visualization_id);
        process.exitCode = 130;
        return;
      } finally {
        view.stop();
        interrupt.dispose();
      }
      const viz = await codex.visualizations.get(started.visualization_id);
      if (out.json) out.data(viz);
      else if (viz.status === 'completed' && viz.stats) {
        const s = viz.stats;
        const languages = Object.entries(s.languages)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([name, percent]) => `${name} ${percent}%`)
          .join(', ');
        out.print(`${viz.visualization_id} ${viz.repository}\n${plural(s.total_commits, 'commit')} · ${plural(s.total_files, 'file')} · ${plural(s.total_contributors, 'contributor')} · ${plural(s.lines_of_code, 'line')}\n${languages}`);
      } else {
        out.print(`${viz.visualization_id} ${viz.status}${viz.error ? `: ${viz.error.message}` : ''}`);
      }
      if (viz.status !== 'completed') {
        process.exitCode = 1;
        return;
      }
      if (opts.open) {
        const share = await codex.visualizations.share(viz.visualization_id, { permissions: 'read', expires_in_days: 1 });
        if (!(await openInBrowser(share.url))) out.print(`Open ${share.url}`);
        else out.info(`Opened ${share.url}`);
      }
    });
}
