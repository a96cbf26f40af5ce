// How demo:data says to start the hub on what it filled, and where the hub will answer: the
// folder it filled and the port asked for (`npm start -- --demo --data-dir DIR`, HUB_PORT), so the
// addresses printed are the ones that work. A PostgreSQL demo (HUB_DATABASE_URL) starts the hub itself.

export function demoStart(dataDir: string, port: string, databaseUrl: string | undefined): { start: string; url: string } {
  const portEnv = port === '8750' ? '' : `HUB_PORT=${port} `;
  const start = databaseUrl
    ? `${portEnv}HUB_DATABASE_URL=… HUB_DATA_DIR=${dataDir} node dist/server/main.js`
    : `${portEnv}npm start -- --demo${dataDir === 'demo-hub' ? '' : ` --data-dir ${dataDir}`}`;
  return { start, url: `http://127.0.0.1:${port}` };
}
