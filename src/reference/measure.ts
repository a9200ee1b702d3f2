/** The reference-clock phase: SNTP servers and HTTPS hosts, all at once, within a budget. */
import type { Clock } from '../clock/clock.js';
import { type SocketFactory, querySntp } from '../clock/sntp.js';
import type { Send } from '../genesys/http.js';
import type { Settings } from '../settings/settings.js';
import { sampleHttpsReference } from './https.js';
import { type Reference, combine, fromHttps, fromSntp } from './reference.js';

export interface ReferenceDeps {
  clock: Clock;
  send: Send;
  socket: SocketFactory;
  /** Monotonic time by which the phase must be over. */
  deadline: number;
}

/** Returns undefined when no reference is configured. */
export async function measureReference(
  settings: Pick<Settings, 'ntpServers' | 'referenceUrls'>,
  deps: ReferenceDeps,
): Promise<Reference | undefined> {
  if (settings.ntpServers.length + settings.referenceUrls.length === 0) return undefined;
  const { clock, deadline } = deps;
  const sources = await Promise.all([
    ...settings.ntpServers.map((server) =>
      querySntp(server, { clock, socket: deps.socket, deadline }).then(fromSntp),
    ),
    ...settings.referenceUrls.map((url) =>
      sampleHttpsReference(url, { send: deps.send, clock, deadline }).then(fromHttps),
    ),
  ]);
  return combine(sources);
}
