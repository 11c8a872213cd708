const Router = require('@koa/router');
const { Pool } = require('pg');

const pool = new Pool();
const router = new Router();

router.get('/api/users/:username', async (ctx) => {
  const username = ctx.params.username;
  const result = await pool.query('SELECT id, username, bio, avatar_url FROM users WHERE username = $1', [username]);
  if (result.rowCount === 0) {
    ctx.status = 404;
    return;
  }
  ctx.body = result.rows[0];
});

module.exports = router;
