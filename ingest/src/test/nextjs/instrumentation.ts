// Next.js runs register() once per server process, before the first request.
// Its own tracing then wraps every request in a SERVER span (route, real status, real duration),
// and the exporter sends those spans to the SLO gateway's OTLP endpoint in the background.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./instrumentation.node');
  }
}
