#!/usr/bin/env node
// The `union-assistant` command. The project runs TypeScript directly through tsx (no build step),
// so this shim registers tsx's loader and hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
