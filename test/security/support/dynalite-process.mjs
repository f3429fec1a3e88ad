// D of the catalogue: dynalite in a process of its own, so a test can kill it by pid (SIGKILL) and
// start it again on the same port and data folder. Usage: node dynalite-process.mjs <port> <dir>
import dynalite from 'dynalite';

const [port, path] = process.argv.slice(2);
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
