const crypto = require('crypto');
const fs = require('fs');

function fileEtag(filePath) {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha1');
    fs.createReadStream(filePath)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(`"${h.digest('hex')}"`))
      .on('error', reject);
  });
}

module.exports = { fileEtag };
