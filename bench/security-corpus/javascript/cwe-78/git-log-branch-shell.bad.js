const util = require('util');
const childProcess = require('child_process');

const execAsync = util.promisify(childProcess.exec);

module.exports = async function handler(req, res) {
  let branch = 'main';
  if (req.query.branch) {
    branch = String(req.query.branch);
  }
  const { stdout } = await execAsync(`git log --oneline -n 20 ${branch}`, { cwd: '/srv/repo' });
  res.status(200).json({ commits: stdout.split('\n').filter(Boolean) });
};
