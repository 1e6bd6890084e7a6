export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return id === '1' ? Response.json({ id: 1, name: 'Ada' }) : Response.json({ error: 'no such user' }, { status: 404 });
}
