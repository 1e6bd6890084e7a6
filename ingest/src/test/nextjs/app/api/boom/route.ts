export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  throw new Error('unhandled failure in a route handler');
}
