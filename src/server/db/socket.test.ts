import postgres from "postgres";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createDatabase } from "./client";

const adminUrl = inject("adminDatabaseUrl");
const saved = process.env.DATABASE_SOCKET_DIR;

afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_SOCKET_DIR;
  else process.env.DATABASE_SOCKET_DIR = saved;
});

/** The server's socket directory, asked over the URL's own connection. */
async function socketDirectory(): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ dirs: string }[]>`select current_setting('unix_socket_directories') as dirs`;
    return row!.dirs.split(",")[0]!.trim();
  } finally {
    await sql.end();
  }
}

/** Who the server sees at the other end: no address for a Unix socket, the loopback for TCP. */
async function peerOf(): Promise<string | null> {
  const { sql } = createDatabase(adminUrl, 1);
  try {
    const [row] = await sql<{ peer: string | null }[]>`select inet_client_addr()::text as peer`;
    return row!.peer;
  } finally {
    await sql.end();
  }
}

describe("DATABASE_SOCKET_DIR", () => {
  it("connects the app's pools through PostgreSQL's Unix socket when set, over TCP otherwise", async () => {
    delete process.env.DATABASE_SOCKET_DIR;
    expect(await peerOf()).toMatch(/^127\.0\.0\.1|^::1/);
    process.env.DATABASE_SOCKET_DIR = await socketDirectory();
    expect(await peerOf()).toBeNull();
  });
});
