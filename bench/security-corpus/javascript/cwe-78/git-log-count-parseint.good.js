const util = require('util');
const childProcess = require('child_process');

const execAsync = util.promisify(childProcess.exec);

module.exports = async function handler(req, res) {
  let count = 20;
  if (req.query.count) {
    count = parseInt(req.query.count, 10) || 20;
  }
  const { stdout } = await execAsync(`git log --oneline -n ${count} main`, { cwd: '/srv/repo' });
  res.status(200).json({ commits: stdout.split('\n').filter(Boolean) });
};
