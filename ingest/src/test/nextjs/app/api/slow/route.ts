export const dynamic = 'force-dynamic';

export async function GET() {
  await new Promise((resolve) => setTimeout(resolve, 1200));
  return Response.json({ slow: true });
}
