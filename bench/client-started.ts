import { ClientEvent, SyncState, type MatrixClient } from "matrix-js-sdk";

/** Starts a bench client and resolves once its first sync is processed (Prepared, or Syncing after a resumed one). */
export async function startAndSync(client: MatrixClient, initialSyncLimit: number): Promise<void> {
  const synced = new Promise<void>((resolve) => {
    const onSync = (state: SyncState): void => {
      if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
      client.off(ClientEvent.Sync, onSync);
      resolve();
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit });
  await synced;
}

/** Cross-signs a bench client's account made moments ago: its first upload of cross-signing keys needs no interactive auth (MSC3967). */
export async function crossSignNewAccount(client: MatrixClient): Promise<void> {
  await client.getCrypto()!.bootstrapCrossSigning({ authUploadDeviceSigningKeys: async (makeRequest) => void (await makeRequest(null)) });
}
