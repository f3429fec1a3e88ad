import { runCli } from './main';

// The AWS SDK warns on every start that it will want Node 22 from 2027; the CLI targets Node 20+
// and the Lambdas run 22, so the notice is noise for command-line users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Entry of the `feedloom` executable: wires the real process to the CLI.
const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, interrupted });
process.exitCode = code;
// Open handles (a keep-alive socket, a lingering timer) must not keep a finished command alive.
setTimeout(() => process.exit(code), 200).unref();
