const fs = require('fs');
const nodemailer = require('nodemailer');

const smtpPassword = fs.readFileSync('/run/secrets/smtp_password', 'utf8').trim();

const transporter = nodemailer.createTransport({
  host: 'smtp.mailprovider.example',
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: smtpPassword },
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
