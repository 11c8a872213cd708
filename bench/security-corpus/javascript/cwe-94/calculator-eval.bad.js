const express = require('express');

const app = express();
app.use(express.json());

app.post('/api/calculate', (req, res) => {
  const expression = req.body.expression;
  try {
    const value = eval(expression);
    res.json({ value });
  } catch (e) {
    res.status(422).json({ error: 'could not evaluate expression' });
  }
});

app.listen(3000);
