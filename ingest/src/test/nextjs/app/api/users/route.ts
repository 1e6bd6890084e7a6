export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json([{ id: 1, name: 'Ada' }]);
}
