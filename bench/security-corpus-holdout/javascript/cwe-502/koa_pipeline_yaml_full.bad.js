const Router = require('@koa/router');
const yaml = require('js-yaml');

const router = new Router();

router.post('/pipelines/validate', async (ctx) => {
  const text = ctx.request.body.definition;
  const pipeline = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
  const stages = Object.keys(pipeline.stages || {});
  ctx.body = { name: pipeline.name, stages, valid: stages.length > 0 };
});

module.exports = router;
