/** Entry point of the action's bundle. */
import * as core from '@actions/core';
import { run } from './main.js';
import { NAME } from './report/outcome.js';

// Expected failures are reported inside run(); this catches only the unexpected, in one line.
await run().catch((error: unknown) => {
  core.setFailed(
    `${NAME}: unexpected error: ${error instanceof Error ? error.message : error}`,
  );
});
