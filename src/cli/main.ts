// Entry point of the kexplore executable (bin/kexplore.js imports this).
import { main } from './program.js';
import { ignoreClosedPipe } from './write.js';

ignoreClosedPipe(process.stdout);

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Live watches or sockets must not keep a finished command alive; output was already flushed.
setTimeout(() => process.exit(code), 100).unref();
