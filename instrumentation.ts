export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startup } = await import('./app/_server/startup');
  await startup();
}

export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
) {
  const err = error as Error & { digest?: string };
  console.error(
    JSON.stringify({
      level: 'error',
      at: new Date().toISOString(),
      digest: err.digest,
      method: request.method,
      path: request.path,
      message: err.message,
      stack: err.stack,
    }),
  );
}
