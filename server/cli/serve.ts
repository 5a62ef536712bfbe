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
import { reportStartupError, stopOnSignals } from './lifecycle';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database and storage, migrates, and listens. */
export async function startServer(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  const config = readConfig(env);
  const handle = asConfigError(() => openDatabase(config.databaseUrl));
  const storage = asConfigError(() => openScanStorage(config.scanStorage, env));

  try {
    await migrateToLatest(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const context = {
    db: handle.db,
    dialect: handle.dialect,
    storage,
    config,
  };
  const app = await buildApp(context);

  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await handle.close();
    throw describeListenError(error, config.host, config.port);
  }
  const stopMaintenance = scheduleMaintenance(context, app.log);
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

/** Runs `open`, turning an invalid setting it reports into a ConfigError. */
function asConfigError<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw new ConfigError(
      error instanceof Error ? error.message : String(error),
    );
  }
}

function describeListenError(
  error: unknown,
  host: string,
  port: number,
): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new ConfigError(
      `Port ${port} on ${host} is already in use: stop the program using it, or set PORT to a free port`,
    );
  }
  if (
    code === 'EADDRNOTAVAIL' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN'
  ) {
    return new ConfigError(
      `HOST "${host}" is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its addresses`,
    );
  }
  if (code === 'EACCES') {
    return new ConfigError(
      `Port ${port} needs more privileges: set PORT to 1024 or above`,
    );
  }
  return error;
}

async function main(): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer();
  } catch (error) {
    process.exit(reportStartupError('copydesk server', error));
  }
  stopOnSignals('copydesk server', () => server.close());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
