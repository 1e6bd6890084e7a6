export const dynamic = 'force-dynamic';

export async function POST() {
  return Response.json({ error: 'payment backend unavailable' }, { status: 500 });
}
