/** Entry point: `npm run deploy -- <command> --env <url> [options]` (tsx solution/deploy/cli.ts). */
import { run } from './main';
import { nodeDeps } from './node-deps';

async function main(): Promise<void> {
    process.exitCode = await run(process.argv.slice(2), nodeDeps());
}

void main();
