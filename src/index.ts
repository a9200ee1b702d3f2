/** Entry point of the action's bundle. */
import { run } from './main.js';

await run();
