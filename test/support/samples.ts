/**
 * A JavaScript file with two planted vulnerabilities, for the agent tests: an SQL injection on
 * line 3 (a template string into db.query) and a command injection on line 6 (exec of request input).
 */
export const VULNERABLE_JS = [
  "const { exec } = require('child_process');",
  'async function find(db, name) {',
  "  return db.query(`SELECT * FROM users WHERE name = '${name}'`);",
  '}',
  'function run(req) {',
  '  exec(`ls ${req.query.dir}`);',
  '}',
  '',
].join('\n');
