const fastify = require('fastify')();
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const catalog = new DOMParser().parseFromString(fs.readFileSync('./catalog.xml', 'utf8'), 'text/xml');
const SKU = /^[A-Z0-9-]{4,20}$/;

fastify.get('/price/:sku', async (request, reply) => {
  const sku = request.params.sku;
  if (!SKU.test(sku)) {
    return reply.code(400).send({ error: 'malformed sku' });
  }
  const price = xpath.select1("string(//product[@sku='" + sku + "']/price)", catalog);
  return { sku, price: price || null };
});

fastify.listen({ port: 3000 });
