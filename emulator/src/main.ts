/**
 * `npm run emulator [-- --port N] [--verbose] [--strict]`: the Pinterest API v5 emulator on
 * 127.0.0.1 (port from --port, PORT, or 3900), default seed.
 */
import { startEmulator } from './server';

async function main() {
  const i = process.argv.indexOf('--port');
  const raw = i > 0 ? process.argv[i + 1] : (process.env.PORT ?? '3900');
  const port = Number(raw);
  if (!/^\d+$/.test(String(raw)) || port > 65535) throw new Error(`invalid port: ${raw}`);
  const emulator = await startEmulator({
    port,
    logRequest: process.argv.includes('--verbose') ? (line) => console.log(line) : undefined,
    // --strict: an off-spec answer is a 500 (see strictAnswers); lenient otherwise
    strictAnswers: process.argv.includes('--strict') || undefined,
  });
  console.log(`Pinterest emulator listening on ${emulator.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
