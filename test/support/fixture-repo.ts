// The repository the visualization tests read: several authors (one under two emails, joined by
// .mailmap), files in several languages, a vendored folder, documentation, a binary file, a
// rename, a deletion, a merge, and two branches.
import { randomBytes } from 'node:crypto';
import { WorkRepo } from './git-repos';

export const AUTHORS = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.test' },
  adaOld: { name: 'ada', email: 'ada@old.example.test' },
  grace: { name: 'Grace Hopper', email: 'grace@example.test' },
  linus: { name: 'Linus', email: 'linus@example.test' },
} as const;

/** Builds the repository; `main` is the default branch, `feature` the other one. */
export function buildFixtureRepo(): WorkRepo {
  const repo = new WorkRepo({ branch: 'main', start: 1_700_000_000 });
  repo.commit('Initial layout', AUTHORS.adaOld, {
    'README.md': '# Demo\n\nA repository for tests.\n',
    'src/app.ts': 'export function main(): number {\n  return 42;\n}\n',
    'src/util.ts': 'export const twice = (n: number) => n * 2;\n',
    '.mailmap': 'Ada Lovelace <ada@example.test> ada <ada@old.example.test>\n',
  });
  repo.commit('Add the Python tools', AUTHORS.grace, {
    'tools/report.py': 'import sys\n\n\ndef main():\n    print("report", sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n',
    'tools/__init__.py': '',
    // A .h file: linguist's heuristics read its content to tell C++ from C and Objective-C.
    'native/vec.h': '#include <vector>\n\nclass Vec {\n  std::vector<int> items;\n};\n',
  });
  repo.commit('Vendor a library, add a logo and docs', AUTHORS.ada, {
    'vendor/lib/left-pad.js': 'module.exports = function leftPad(s, n) {\n  return String(s).padStart(n);\n};\n',
    'assets/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), randomBytes(2048)]),
    'docs/guide.md': '# Guide\n\nRead me.\n',
    'config/settings.json': '{\n  "debug": false\n}\n',
  });
  repo.git(['checkout', '--quiet', '-b', 'feature']);
  repo.commit('A Go server on a branch', AUTHORS.linus, {
    'server/main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("serving")\n}\n',
  });
  repo.git(['checkout', '--quiet', 'main']);
  repo.git(['mv', 'src/util.ts', 'src/helpers.ts']);
  repo.commitStaged('Rename util to helpers', AUTHORS.ada);
  repo.commit('Grow the app, drop a file', AUTHORS.grace, {
    'src/app.ts': 'import { twice } from "./helpers";\n\nexport function main(): number {\n  return twice(21);\n}\n',
    'tools/__init__.py': null,
    'notes.txt': 'no trailing newline',
  });
  repo.git(['merge', '--quiet', '--no-ff', '-m', 'Merge the Go server', 'feature'], {
    GIT_AUTHOR_NAME: AUTHORS.linus.name,
    GIT_AUTHOR_EMAIL: AUTHORS.linus.email,
    GIT_AUTHOR_DATE: '1700030000 +0000',
    GIT_COMMITTER_NAME: AUTHORS.linus.name,
    GIT_COMMITTER_EMAIL: AUTHORS.linus.email,
    GIT_COMMITTER_DATE: '1700030000 +0000',
  });
  repo.git(['checkout', '--quiet', 'feature']);
  repo.commit('Feature-only work', AUTHORS.linus, { 'server/extra.go': 'package main\n\nvar Extra = 1\n' });
  repo.git(['checkout', '--quiet', 'main']);
  return repo;
}
