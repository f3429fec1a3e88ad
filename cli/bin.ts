import { runCli } from './main';

// The AWS SDK warns on every start that it will want Node 22 from 2027; the CLI targets Node 20+
// and the Lambdas run 22, so the notice is noise for command-line users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Entry of the `feedloom` executable: wires the real process to the CLI.
// `run` stops at a safe point on the first Ctrl-C or SIGTERM: between cycles at once, otherwise
// when the cycle in flight has stored what it queued. Its jobs are kept in the database until
// their Article is stored, so even a second signal (which quits at once, as every other command
// does on the first) or a SIGKILL loses none: the next run resumes them.
const command = process.argv[2];
const interrupted = new Promise<void>((resolve) => {
  if (command !== 'run') return;
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    if (signals > 1) process.exit(130);
    process.stderr.write('feedloom: stopping after the work in flight (press Ctrl-C again to quit now)\n');
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
});
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, interrupted });
process.exitCode = code;
// Open handles (a keep-alive socket, a lingering timer) must not keep a finished command alive.
setTimeout(() => process.exit(code), 200).unref();
