/**
 * The dependencies every use case receives: built once in `main.ts` (or by
 * a test), passed to `createApp(deps)` and reachable in handlers as `c.var.deps`.
 *
 * @module
 */
import type { Clock } from "../lib/clock.ts";
import type { Config } from "../lib/config.ts";
import type { Logger } from "../lib/log.ts";
import type { RateLimiter } from "../lib/rate_limit.ts";
import type { Mailer } from "./mailer.ts";
import type { Store } from "./store.ts";

/** Everything a use case may touch. */
export interface Deps {
  config: Config;
  store: Store;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
  limiter: RateLimiter;
}
