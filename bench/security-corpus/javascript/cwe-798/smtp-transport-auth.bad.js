const nodemailer = require('nodemailer');

const transporter = nodemailer.createTransport({
  host: 'smtp.mailprovider.example',
  port: 587,
  auth: { user: 'notifications@example.com', pass: 'mailer-Pa55w0rd-2020' },
});

async function sendReceipt(order) {
  await transporter.sendMail({
    from: 'Shop <notifications@example.com>',
    to: order.email,
    subject: `Receipt for order ${order.id}`,
    text: `Thank you for your purchase of ${order.total}.`,
  });
}

module.exports = { sendReceipt };
