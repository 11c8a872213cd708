/**
 * A JavaScript file with two planted vulnerabilities, for the agent tests: an SQL injection on
 * line 3 (a query parameter of an Express handler in a template string into db.query) and a
 * command injection on line 6 (exec of request input). Both come from the request, so both are
 * reported at their class's severity (high, critical), not as values of unknown origin.
 */
export const VULNERABLE_JS = [
  "const { exec } = require('child_process');",
  "app.get('/users', async (req, res) => {",
  "  res.json(await db.query(`SELECT * FROM users WHERE name = '${req.query.name}'`));",
  '});',
  'function run(req) {',
  '  exec(`ls ${req.query.dir}`);',
  '}',
  '',
].join('\n');
