#!/usr/bin/env node
// The `sgvqa` command. Runs the TypeScript sources directly through tsx's loader so that a fresh
// clone works right after `npm install`, with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
await main(process.argv);
