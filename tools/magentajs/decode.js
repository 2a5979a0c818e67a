// Loads a magenta.js MusicVAE checkpoint directory with magenta.js itself (served over HTTP on
// 127.0.0.1, as a browser would fetch it) and prints, as one JSON object on stdout, for the latents
// in the JSON file argv[3] ({"z": [[...], ...]}) the argmax melodies magenta.js decodes (notes as
// [pitch, quantizedStartStep, quantizedEndStep]) and the encoder means of those melodies.
// Usage: node decode.js CHECKPOINT_DIR LATENTS.json
const http = require('http');
const fs = require('fs');
const path = require('path');

async function main() {
  const dir = path.resolve(process.argv[2]);
  const latents = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).z;
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(req.url.split('?')[0]));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200);
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // magenta.js logs to the console; keep stdout for the result.
  console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
  const mvae = require('@magenta/music/node/music_vae');
  const tf = require('@tensorflow/tfjs');
  try {
    const model = new mvae.MusicVAE(`http://127.0.0.1:${server.address().port}`);
    await model.initialize();
    const z = tf.tensor2d(latents);
    const sequences = await model.decode(z);
    const melodies = sequences.map((s) => (s.notes || [])
      .map((n) => [n.pitch, n.quantizedStartStep || 0, n.quantizedEndStep])
      .sort((a, b) => a[1] - b[1]));
    const nonEmpty = sequences.filter((s) => (s.notes || []).length > 0);
    const mu = nonEmpty.length > 0 ? (await model.encode(nonEmpty)).arraySync() : [];
    process.stdout.write(JSON.stringify({ melodies, mu, encoded: sequences.map((s) => (s.notes || []).length > 0) }) + '\n');
    model.dispose();
  } finally {
    server.close();
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
