import { Filter, type IFilterDefinition, type MatrixClient } from "matrix-js-sdk";

/**
 * Sends now the requests that matrix-js-sdk's `startClient` makes one after the other
 * before its first `/sync`, while the crypto store opens (which `startClient` must wait
 * for): the server's versions (matrix-js-sdk keeps the answer), the push rules (handed to
 * `startClient`'s own call, see {@link answerPushRulesOnce}) and the sync filter: the
 * stored one is fetched (then found in memory), and an account with none (a new visitor)
 * has it made now, with the definition `startClient` will ask for, so that it finds it
 * stored and equal instead of making one. Only requests move earlier: should a name or a
 * definition differ (another matrix-js-sdk), `startClient` asks again as before.
 *
 * @param client - created, not started
 * @param userId - the client's user
 * @param definition - the sync filter `startClient` is given, if any (default: matrix-js-sdk's)
 */
export function prefetchSyncStart(client: MatrixClient, userId: string, definition?: IFilterDefinition): void {
  // The first call's promise settles once matrix-js-sdk has read the versions into its feature map.
  const versions = client.getVersions();
  versions.catch(() => {}); // startClient asks again
  answerPushRulesOnce(client);
  // matrix-js-sdk's localStorage name of the sync filter's id.
  const name = `FILTER_SYNC_${userId}`;
  const filterId = client.store.getFilterIdByName(name);
  if (filterId) void client.getFilter(userId, filterId, false).catch(() => {});
  else void versions.then(() => client.getOrCreateFilter(name, syncFilterFor(client, userId, definition))).catch(() => {}); // startClient makes it then
}

// matrix-js-sdk's Feature.ThreadUnreadNotifications and ServerSupport.Unsupported (not exported by its entry point).
const THREAD_UNREAD_NOTIFICATIONS = "ThreadUnreadNotifications";
const UNSUPPORTED = 2;

/**
 * The filter `startClient`'s sync asks for, once the versions are read: the given
 * definition, else matrix-js-sdk's default (`SyncApi.buildDefaultFilter`: thread
 * notifications unless the server lacks them). prefetch-sync-start.test.ts runs the real
 * `startClient` against it.
 */
function syncFilterFor(client: MatrixClient, userId: string, definition?: IFilterDefinition): Filter {
  const filter = new Filter(userId);
  if (definition) filter.setDefinition(definition);
  else if ((client.canSupport.get(THREAD_UNREAD_NOTIFICATIONS as never) as number | undefined) !== UNSUPPORTED) filter.setUnreadThreadNotifications(true);
  return filter;
}

/**
 * Asks for the push rules now and answers `startClient`'s next call with that request
 * (it asks once, before its first `/sync`, after the crypto store opened); later calls,
 * and a retry after a failure, ask the server.
 */
function answerPushRulesOnce(client: MatrixClient): void {
  const early = client.getPushRules();
  early.catch(() => {}); // startClient's call gets the failure, and retries
  const ask = client.getPushRules.bind(client);
  client.getPushRules = () => {
    client.getPushRules = ask;
    return early;
  };
}
