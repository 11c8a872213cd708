/**
 * Scores `security_expert` on the labelled corpus in bench/security-corpus/ (vulnerable and
 * safe variants of each weakness class, per language; see its README), the way the OWASP
 * Benchmark scores tools: per class, TPR = vulnerable cases reported with the class's CWE /
 * vulnerable cases, FPR = safe cases reported with it / safe cases, score = TPR − FPR (in
 * percentage points), and the average of the class scores.
 *
 *   npx tsx bench/security-corpus.bench.ts [--language python] [--verbose] [--json out.json] [--corpus dir]
 *
 * Two corpora, in the same layout: `bench/security-corpus/` (the development corpus, which the
 * rules were written against) and `bench/security-corpus-holdout/` (written afterwards by
 * someone who had seen neither the rules nor the first corpus, and never tuned on: it shows
 * how far the scores carry to code the rules were not written for). Both are scored by default.
 *
 * `--bandit` also scores Bandit on the Python cases (the program named by `BANDIT`, default
 * `.tools/venv/bin/bandit`; e.g. `python3 -m venv /tmp/sast && /tmp/sast/bin/pip install bandit`,
 * then `BANDIT=/tmp/sast/bin/bandit`), mapping its findings by their `issue_cwe`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanSecurity } from '../agents/security-rules';
import { SourceFile } from '../agents/source-file';
import { ALL_GRAMMARS, loadGrammars } from '../agents/syntax/tree';

interface Case {
  file: string;
  cwe: string;
  vulnerable: boolean;
  line?: number;
  source_line?: number;
}

interface Tally {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  /** True positives whose reported line is the labelled sink line. */
  lineHits: number;
}

const CORPORA = [path.join(__dirname, 'security-corpus'), path.join(__dirname, 'security-corpus-holdout')];

function args(): { language?: string; verbose: boolean; json?: string; bandit: boolean; corpus?: string } {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const language = value('--language');
  const json = value('--json');
  const corpus = value('--corpus');
  return { ...(language ? { language } : {}), ...(json ? { json } : {}), ...(corpus ? { corpus } : {}), verbose: argv.includes('--verbose'), bandit: argv.includes('--bandit') };
}

function tally(): Tally {
  return { tp: 0, fn: 0, fp: 0, tn: 0, lineHits: 0 };
}

/** Per-class scores and their average, printed as a table. */
function report(title: string, byClass: Map<string, Tally>): { average: number; classes: Record<string, { tpr: number; fpr: number; score: number; precision: number; n: number }> } {
  const rows: string[] = [];
  const classes: Record<string, { tpr: number; fpr: number; score: number; precision: number; n: number }> = {};
  let sum = 0;
  const sorted = [...byClass.entries()].sort((a, b) => Number(a[0].slice(4)) - Number(b[0].slice(4)));
  for (const [cwe, t] of sorted) {
    const tpr = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 0;
    const fpr = t.fp + t.tn ? t.fp / (t.fp + t.tn) : 0;
    const precision = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 0;
    const score = (tpr - fpr) * 100;
    sum += score;
    classes[cwe] = { tpr, fpr, score, precision, n: t.tp + t.fn + t.fp + t.tn };
    rows.push(
      `${cwe.padEnd(8)} ${String(t.tp + t.fn).padStart(4)} ${String(t.fp + t.tn).padStart(4)}  ${(precision * 100).toFixed(0).padStart(5)}%  ${(tpr * 100).toFixed(0).padStart(5)}%  ${(fpr * 100).toFixed(0).padStart(5)}%  ${score.toFixed(1).padStart(6)}  ${t.tp ? `${((t.lineHits / t.tp) * 100).toFixed(0)}%` : '-'}`,
    );
  }
  const average = sorted.length ? sum / sorted.length : 0;
  console.log(`\n${title}`);
  console.log('class     vuln safe  precision  recall    FPR   TPR-FPR  sink line right');
  for (const row of rows) console.log(row);
  console.log(`average TPR − FPR: ${average.toFixed(1)} over ${sorted.length} classes`);
  return { average, classes };
}

async function main(): Promise<void> {
  const options = args();
  await loadGrammars(ALL_GRAMMARS);
  const results: Record<string, unknown> = {};
  for (const corpus of options.corpus ? [path.resolve(options.corpus)] : CORPORA.filter((c) => existsSync(c))) {
    console.log(`\n=== ${path.relative(process.cwd(), corpus) || corpus}`);
    results[path.basename(corpus)] = scoreCorpus(corpus, options);
    if (options.bandit) results[`bandit ${path.basename(corpus)}`] = bandit(corpus);
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 2));
}

function scoreCorpus(CORPUS: string, options: ReturnType<typeof args>): Record<string, unknown> {
  const languages = readdirSync(CORPUS).filter((d) => existsSync(path.join(CORPUS, d, 'manifest.json')) && (!options.language || d === options.language));
  const overall = new Map<string, Tally>();
  const results: Record<string, unknown> = {};
  const started = performance.now();
  let files = 0;
  for (const language of languages) {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, language, 'manifest.json'), 'utf8')) as Case[];
    const byClass = new Map<string, Tally>();
    for (const c of cases) {
      const content = readFileSync(path.join(CORPUS, language, c.file), 'utf8');
      const findings = scanSecurity(new SourceFile(`${language}/${c.file}`, content)).filter((f) => f.cwe === c.cwe);
      files += 1;
      const t = byClass.get(c.cwe) ?? tally();
      byClass.set(c.cwe, t);
      const all = overall.get(c.cwe) ?? tally();
      overall.set(c.cwe, all);
      for (const target of [t, all]) {
        if (c.vulnerable && findings.length) {
          target.tp += 1;
          if (findings.some((f) => f.line === c.line)) target.lineHits += 1;
        } else if (c.vulnerable) target.fn += 1;
        else if (findings.length) target.fp += 1;
        else target.tn += 1;
      }
      if (options.verbose && (c.vulnerable ? !findings.length : findings.length)) {
        console.log(`${c.vulnerable ? 'MISSED' : 'FALSE '} ${language}/${c.file}${findings.length ? ` (line ${findings.map((f) => f.line).join(', ')})` : ''}`);
      }
    }
    results[language] = report(`security_expert on ${language} (${cases.length} cases)`, byClass);
  }
  const seconds = (performance.now() - started) / 1000;
  if (languages.length > 1) results.all = report(`security_expert, all languages (${files} cases)`, overall);
  console.log(`\n${files} files analysed in ${seconds.toFixed(1)} s`);
  return results;
}

/** The class each Bandit check looks for (bandit.readthedocs.io, "Test plugins" and "Blacklist"). */
const BANDIT_CLASSES: Record<string, string> = {
  B102: 'CWE-94', B307: 'CWE-94', B701: 'CWE-79', B702: 'CWE-79', B703: 'CWE-79', B308: 'CWE-79',
  B301: 'CWE-502', B302: 'CWE-502', B403: 'CWE-502', B506: 'CWE-502',
  B105: 'CWE-798', B106: 'CWE-798', B107: 'CWE-798',
  B303: 'CWE-328', B324: 'CWE-328', B311: 'CWE-330',
  B313: 'CWE-611', B314: 'CWE-611', B315: 'CWE-611', B316: 'CWE-611', B317: 'CWE-611', B318: 'CWE-611', B319: 'CWE-611', B320: 'CWE-611', B405: 'CWE-611', B406: 'CWE-611', B407: 'CWE-611', B408: 'CWE-611', B409: 'CWE-611', B410: 'CWE-611',
  B608: 'CWE-89', B610: 'CWE-89', B611: 'CWE-89',
  B602: 'CWE-78', B603: 'CWE-78', B604: 'CWE-78', B605: 'CWE-78', B606: 'CWE-78', B607: 'CWE-78', B609: 'CWE-78', B404: 'CWE-78',
  B310: 'CWE-918', B113: 'CWE-918',
};

/** Bandit on the Python cases, scored the same way (its checks mapped to classes, `BANDIT_CLASSES`). */
function bandit(CORPUS: string): unknown {
  const binary = process.env.BANDIT ?? path.join(__dirname, '..', '.tools', 'venv', 'bin', 'bandit');
  if (!existsSync(binary)) {
    console.log(`\nBandit: not found at ${binary} (set BANDIT to its path)`);
    return undefined;
  }
  const dir = path.join(CORPUS, 'python');
  const cases = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Case[];
  let output: string;
  try {
    output = execFileSync(binary, ['-r', dir, '-f', 'json', '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    // Bandit exits 1 when it finds anything.
    output = (err as { stdout?: string }).stdout ?? '';
  }
  const found = JSON.parse(output) as { results: { filename: string; test_id: string; line_number: number; issue_cwe?: { id: number } }[] };
  const byFile = new Map<string, Set<string>>();
  const lines = new Map<string, Set<number>>();
  for (const r of found.results) {
    const rel = path.relative(dir, r.filename);
    const set = byFile.get(rel) ?? new Set<string>();
    // Bandit's own CWE numbers differ from the corpus's for some checks (hard-coded passwords
    // are CWE-259, MD5 is CWE-327, eval is CWE-78): its test IDs are mapped to the class they
    // look for, so it is scored on what it means to find.
    const mapped = BANDIT_CLASSES[r.test_id];
    if (mapped) set.add(mapped);
    for (const cwe of [mapped, r.issue_cwe ? `CWE-${r.issue_cwe.id}` : undefined]) {
      if (!cwe) continue;
      const key = `${rel}:${cwe}`;
      lines.set(key, (lines.get(key) ?? new Set<number>()).add(r.line_number));
    }
    if (r.issue_cwe) set.add(`CWE-${r.issue_cwe.id}`);
    byFile.set(rel, set);
  }
  const byClass = new Map<string, Tally>();
  for (const c of cases) {
    const t = byClass.get(c.cwe) ?? tally();
    byClass.set(c.cwe, t);
    const hit = byFile.get(c.file)?.has(c.cwe) ?? false;
    if (c.vulnerable) {
      if (hit) {
        t.tp += 1;
        if (c.line !== undefined && lines.get(`${c.file}:${c.cwe}`)?.has(c.line)) t.lineHits += 1;
      } else t.fn += 1;
    } else if (hit) t.fp += 1;
    else t.tn += 1;
  }
  return report(`Bandit on python (${cases.length} cases)`, byClass);
}

void main();
