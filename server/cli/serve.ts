/**
 * `npm run server`: starts the reference grading server with the settings
 * of the environment (PORT, HOST, DATABASE_URL, SCAN_STORAGE, ...).
 */
import { buildApp } from '../app';
import { ConfigError, readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { scheduleMaintenance } from '../maintenance';
import { openScanStorage } from '../storage/open-scan-storage';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database and storage, migrates, and listens. */
export async function startServer(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  const config = readConfig(env);
  const handle = openDatabase(config.databaseUrl);
  const storage = openScanStorage(config.scanStorage, env);

  await migrateToLatest(handle);
  const context = {
    db: handle.db,
    dialect: handle.dialect,
    storage,
    config,
  };
  const app = await buildApp(context);
  const stopMaintenance = scheduleMaintenance(context, app.log);

  const url = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: handle.displayUrl, scanStorage: storage.description },
    'server started',
  );

  return {
    url,
    close: async () => {
      stopMaintenance();
      await app.close();
      await handle.close();
      storage.close?.();
      app.log.info('server stopped');
    },
  };
}

async function main(): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`copydesk server: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.error(`copydesk server: ${signal} received, stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
